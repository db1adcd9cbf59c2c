package dev.deepstreamrpc.embedded;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.RpcRemoteException;
import dev.deepstreamrpc.client.RpcTimeoutException;
import dev.deepstreamrpc.embedded.junit.EmbeddedDeepstreamExtension;
import dev.deepstreamrpc.test.DeepstreamInstallation;
import dev.deepstreamrpc.test.JsBehaviour;
import dev.deepstreamrpc.test.JsClient;
import dev.deepstreamrpc.test.JsResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The official JavaScript client 7.0.5 logging in to the embedded server and serving the
 * project's Java client, and the other way round.
 */
class JsClientInteropTests {

	@RegisterExtension
	static final EmbeddedDeepstreamExtension deepstream = EmbeddedDeepstreamExtension
		.create((server) -> server.ackTimeout(Duration.ofMillis(300))
			.provideRequestorName(true)
			.user("java", "java-secret")
			.user("js", "js-secret", Map.of("favouriteColor", "blue")));

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final List<String> JSON_VALUES = List.of("{\"a\":{\"b\":[1,2.5,\"x\"]},\"empty\":{}}",
			"[true,false,null,[]]", "\"héllo ☃ \\uD83D\\uDE80 \\\"quoted\\\" \\\\ \\n\"", "\"\"", "0", "-12.75",
			"12345678901", "true", "null");

	private static JsClient js;

	private final List<DeepstreamRpcClient> clients = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void startJavaScriptClient() {
		js = JsClient.start(DeepstreamInstallation.install(), deepstream.url(),
				Map.of("username", "js", "password", "js-secret"));
		js.provide("js/sum", JsBehaviour.sum());
		js.provide("js/echo", JsBehaviour.echo());
		js.provide("js/fail", JsBehaviour.error("nope"));
		js.provide("js/silent", JsBehaviour.noAutoAck());
	}

	@AfterAll
	static void closeJavaScriptClient() {
		if (js != null) {
			js.close();
		}
	}

	@AfterEach
	void closeClients() {
		this.clients.forEach(DeepstreamRpcClient::close);
	}

	@Test
	void javaScriptClientLogsInWithItsClientData() {
		assertThat(js.clientData()).contains(node("{\"favouriteColor\":\"blue\"}"));
		assertThat(js.connectionState()).isEqualTo("OPEN");
	}

	@Test
	void javaCallerIsServedByAJavaScriptProvider() {
		assertThat(java().make("js/sum", Map.of("numA", 7, "numB", 13)).join().as(Integer.class)).isEqualTo(20);
	}

	@Test
	void everyJsonValueRoundTripsFromJavaThroughJavaScript() {
		DeepstreamRpcClient caller = java();
		for (String value : JSON_VALUES) {
			assertThat(caller.make("js/echo", node(value)).join().as(JsonNode.class)).as(value).isEqualTo(node(value));
		}
		assertThat(caller.make("js/echo").join().isPresent()).isFalse();
	}

	@Test
	void javaScriptProviderErrorsAndSilenceReachTheJavaCaller() {
		DeepstreamRpcClient caller = java();
		assertThatExceptionOfType(RpcRemoteException.class)
			.isThrownBy(() -> RpcConformanceTests.outcomeOf(caller.make("js/fail", 1)))
			.satisfies((ex) -> assertThat(ex.error().as(String.class)).isEqualTo("nope"));
		assertThatExceptionOfType(RpcTimeoutException.class)
			.isThrownBy(() -> RpcConformanceTests.outcomeOf(caller.make("js/silent")))
			.satisfies((ex) -> assertThat(ex.phase()).isEqualTo(RpcTimeoutException.Phase.ACCEPT));
	}

	@Test
	void javaScriptCallerIsServedByAJavaProviderThatSeesWhoCalled() {
		java().provide("java/who", (request, response) -> response.send(request.requestorName())).join();
		assertThat(js.make("java/who").join().value()).contains(node("\"js\""));
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
		for (String value : JSON_VALUES) {
			assertThat(js.make("java/echo", node(value)).join().value()).as(value).contains(node(value));
		}
		assertThat(js.make("java/echo").join().isUndefined()).isTrue();
	}

	@Test
	void javaProviderErrorAndMissingProviderReachTheJavaScriptCaller() {
		java().provide("java/fail", (request, response) -> response.error("You can only vote once")).join();
		JsResult failed = js.make("java/fail").join();
		assertThat(failed.isSuccess()).isFalse();
		assertThat(failed.errorText()).isEqualTo("You can only vote once");
		assertThat(js.make("nobody/home").join().errorText()).isEqualTo("NO_RPC_PROVIDER");
	}

	@Test
	void javaScriptClientIsServedByItself() {
		assertThat(js.make("js/sum", node("{\"a\":1,\"b\":2}")).join().value()).contains(node("3"));
	}

	private DeepstreamRpcClient java() {
		DeepstreamRpcClient client = DeepstreamRpcClient.builder(deepstream.url())
			.authData(Map.of("username", "java", "password", "java-secret"))
			.serverTimeouts(Duration.ofMillis(300), Duration.ofSeconds(10))
			.build();
		this.clients.add(client);
		client.connect().join();
		return client;
	}

	private static JsonNode node(String value) {
		return json.readTree(value);
	}

}
