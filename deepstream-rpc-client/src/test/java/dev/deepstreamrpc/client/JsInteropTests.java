package dev.deepstreamrpc.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.deepstreamrpc.test.DeepstreamServerExtension;
import dev.deepstreamrpc.test.DeepstreamUser;
import dev.deepstreamrpc.test.JsBehaviour;
import dev.deepstreamrpc.test.JsClient;
import dev.deepstreamrpc.test.JsResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Java client and the official JavaScript client 7.0.5 serving each other through the
 * same real server.
 */
class JsInteropTests {

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension
		.create((server) -> server.provideRequestorName(true)
			.user(DeepstreamUser.of("java", "java-secret"))
			.user(DeepstreamUser.of("js", "js-secret")));

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final List<String> JSON_VALUES = List.of("{\"a\":{\"b\":[1,2.5,\"x\"]},\"empty\":{}}",
			"[true,false,null,[]]", "\"héllo ☃ \\uD83D\\uDE80 \\\"quoted\\\" \\\\ \\n\"", "\"\"", "0", "-12.75",
			"12345678901", "true", "false", "null");

	private final List<AutoCloseable> peers = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable peer : this.peers) {
			peer.close();
		}
	}

	@Test
	void javaScriptCallerIsServedByAJavaProvider() {
		provideSum(java());
		JsResult result = js().make("math/add", node("{\"numA\":7,\"numB\":13}")).join();
		assertThat(result.value()).contains(node("20"));
	}

	@Test
	void javaCallerIsServedByAJavaScriptProvider() {
		js().provide("js/add", JsBehaviour.sum());
		assertThat(java().make("js/add", Map.of("numA", 7, "numB", 13)).join().as(Integer.class)).isEqualTo(20);
	}

	@Test
	void javaScriptProviderThatRejectsIsReroutedToAJavaProvider() {
		js().provide("mixed/reroute", JsBehaviour.reject());
		java()
			.provide("mixed/reroute", ProviderOptions.defaults().withAutoAck(false),
					(request, response) -> response.send("java"))
			.join();
		DeepstreamRpcClient javaCaller = java();
		JsClient jsCaller = js();
		for (int i = 0; i < 8; i++) {
			assertThat(javaCaller.make("mixed/reroute").join().as(String.class)).isEqualTo("java");
			assertThat(jsCaller.make("mixed/reroute").join().value()).contains(node("\"java\""));
		}
	}

	@Test
	void javaProviderThatRejectsIsReroutedToAJavaScriptProvider() {
		AtomicInteger rejected = new AtomicInteger();
		java().provide("mixed/reroute-js", ProviderOptions.defaults().withAutoAck(false), (request, response) -> {
			rejected.incrementAndGet();
			response.reject();
		}).join();
		js().provide("mixed/reroute-js", JsBehaviour.echo());
		JsClient jsCaller = js();
		for (int i = 0; i < 8; i++) {
			assertThat(jsCaller.make("mixed/reroute-js", node("\"js\"")).join().value()).contains(node("\"js\""));
		}
		assertThat(rejected).hasPositiveValue();
	}

	@Test
	void javaProviderErrorReachesAJavaScriptCaller() {
		java().provide("java/fail", (request, response) -> response.error("You can only vote once")).join();
		JsResult result = js().make("java/fail").join();
		assertThat(result.isSuccess()).isFalse();
		assertThat(result.errorText()).isEqualTo("You can only vote once");
	}

	@Test
	void javaScriptProviderErrorReachesAJavaCaller() {
		js().provide("js/fail", JsBehaviour.error("nope"));
		assertThatExceptionOfType(RpcRemoteException.class)
			.isThrownBy(() -> RealServerRpcTests.outcomeOf(java().make("js/fail", 1)))
			.satisfies((ex) -> assertThat(ex.error().as(String.class)).isEqualTo("nope"));
	}

	@Test
	void everyJsonValueRoundTripsFromJavaScriptThroughJava() {
		java().provide("java/echo", (request, response) -> {
			if (request.data().isPresent()) {
				response.send(request.data().as(JsonNode.class));
			}
			else {
				response.send();
			}
		}).join();
		JsClient caller = js();
		for (String value : JSON_VALUES) {
			assertThat(caller.make("java/echo", node(value)).join().value()).as(value).contains(node(value));
		}
		assertThat(caller.make("java/echo").join().isUndefined()).isTrue();
	}

	@Test
	void everyJsonValueRoundTripsFromJavaThroughJavaScript() {
		js().provide("js/echo", JsBehaviour.echo());
		DeepstreamRpcClient caller = java();
		for (String value : JSON_VALUES) {
			JsonNode sent = node(value);
			assertThat(caller.make("js/echo", sent).join().as(JsonNode.class)).as(value).isEqualTo(sent);
		}
		assertThat(caller.make("js/echo").join().isPresent()).isFalse();
		assertThat(caller.make("js/echo", null).join().json()).isEqualTo("null");
	}

	@Test
	void javaProviderSeesTheJavaScriptRequestor() {
		java().provide("java/who", (request, response) -> response.send(request.requestorName())).join();
		assertThat(js().make("java/who").join().value()).contains(node("\"js\""));
	}

	@Test
	void javaScriptCallerTakesAnAnswerThatCameWithoutASeparateAccept() {
		DeepstreamRpcClient provider = connected(DeepstreamRpcClient.builder(deepstream.url())
			.authData(DeepstreamUser.of("java", "java-secret").authData())
			.providerHandlersOnIoThread());
		provideSum(provider);
		for (int i = 0; i < 20; i++) {
			JsResult result = js().make("math/add", node("{\"numA\":" + i + ",\"numB\":1}")).join();
			assertThat(result.value()).contains(node(Integer.toString(i + 1)));
		}
	}

	private DeepstreamRpcClient java() {
		return connected(DeepstreamRpcClient.builder(deepstream.url())
			.authData(DeepstreamUser.of("java", "java-secret").authData()));
	}

	private DeepstreamRpcClient connected(DeepstreamRpcClientBuilder builder) {
		DeepstreamRpcClient client = builder.build();
		this.peers.add(client);
		client.connect().join();
		return client;
	}

	private JsClient js() {
		JsClient client = JsClient.start(deepstream.server(), DeepstreamUser.of("js", "js-secret").authData());
		this.peers.add(client);
		return client;
	}

	private static void provideSum(DeepstreamRpcClient provider) {
		provider.provide("math/add", (request, response) -> {
			Map<?, ?> numbers = request.data().as(Map.class);
			response.send(((Number) numbers.get("numA")).intValue() + ((Number) numbers.get("numB")).intValue());
		}).join();
	}

	private static JsonNode node(String value) {
		return json.readTree(value);
	}

}
