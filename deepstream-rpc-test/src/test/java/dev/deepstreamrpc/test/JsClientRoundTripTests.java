package dev.deepstreamrpc.test;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class JsClientRoundTripTests {

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension
		.create((server) -> server.ackTimeout(Duration.ofMillis(300)).responseTimeout(Duration.ofMillis(600)));

	private static JsClient provider;

	private static JsClient requestor;

	@BeforeAll
	static void startClients() {
		provider = JsClient.start(deepstream.server(), Map.of());
		requestor = JsClient.start(deepstream.server(), Map.of());
		provider.provide("test/echo", JsBehaviour.echo());
		provider.provide("test/reject", JsBehaviour.reject());
		provider.provide("test/error", JsBehaviour.error("it went wrong ☃"));
		provider.provide("test/sum", JsBehaviour.sum());
		provider.provide("test/no-ack", JsBehaviour.noAutoAck());
		provider.provide("test/no-response", JsBehaviour.acceptWithoutResponse());
	}

	@AfterAll
	static void closeClients() {
		requestor.close();
		provider.close();
	}

	static Stream<JsonNode> jsonValues() {
		JsonNodeFactory json = JsonNodeFactory.instance;
		return Stream.of(json.stringNode("héllo ☃ 日本 \uD83D\uDE00 \"quoted\" \\ \n tab\t"), json.stringNode(""),
				json.numberNode(0), json.numberNode(-42), json.numberNode(9007199254740991L), json.numberNode(1.5),
				json.booleanNode(true), json.booleanNode(false), NullNode.getInstance(), json.arrayNode(),
				json.arrayNode().add(1).add("two").addNull().add(json.objectNode().put("k", false)), json.objectNode(),
				json.objectNode().put("a", 1).putNull("b").set("c", json.arrayNode().add("ü")));
	}

	@ParameterizedTest
	@MethodSource("jsonValues")
	void echoReturnsEveryJsonValueUnchanged(JsonNode value) {
		JsResult result = requestor.make("test/echo", value).join();
		assertThat(result.isSuccess()).isTrue();
		assertThat(result.value()).contains(value);
	}

	@Test
	void echoWithoutDataResolvesUndefined() {
		JsResult result = requestor.make("test/echo").join();
		assertThat(result.isUndefined()).isTrue();
		await().untilAsserted(() -> assertThat(provider.requests("test/echo"))
			.anySatisfy((request) -> assertThat(request.data()).isEmpty()));
	}

	@Test
	void echoOfNullResolvesNullNotUndefined() {
		JsResult result = requestor.make("test/echo", NullNode.getInstance()).join();
		assertThat(result.isUndefined()).isFalse();
		assertThat(result.value()).contains(NullNode.getInstance());
	}

	@Test
	void sumAddsBothNamingStyles() {
		JsonNodeFactory json = JsonNodeFactory.instance;
		assertThat(requestor.make("test/sum", json.objectNode().put("numA", 2).put("numB", 3)).join().value())
			.contains(json.numberNode(5));
		assertThat(requestor.make("test/sum", json.objectNode().put("a", 1.5).put("b", 1)).join().value())
			.contains(json.numberNode(2.5));
	}

	@Test
	void rejectingProviderEndsInNoRpcProvider() {
		assertThat(requestor.make("test/reject").join().errorText()).isEqualTo("NO_RPC_PROVIDER");
	}

	@Test
	void unknownNameEndsInNoRpcProvider() {
		assertThat(requestor.make("test/unknown").join().errorText()).isEqualTo("NO_RPC_PROVIDER");
	}

	@Test
	void providerErrorReachesRequestor() {
		JsResult result = requestor.make("test/error", JsonNodeFactory.instance.numberNode(1)).join();
		assertThat(result.isSuccess()).isFalse();
		assertThat(result.errorText()).isEqualTo("it went wrong ☃");
	}

	@Test
	void providerThatNeverAcceptsEndsInAcceptTimeout() {
		assertThat(requestor.make("test/no-ack").join().errorText()).isEqualTo("ACCEPT_TIMEOUT");
	}

	@Test
	void providerThatNeverAnswersEndsInResponseTimeout() {
		assertThat(requestor.make("test/no-response").join().errorText()).isEqualTo("RESPONSE_TIMEOUT");
	}

	@Test
	void unprovidedNameIsNoLongerRouted() {
		provider.provide("test/temporary", JsBehaviour.echo());
		assertThat(requestor.make("test/temporary").join().isSuccess()).isTrue();
		provider.unprovide("test/temporary");
		assertThat(requestor.make("test/temporary").join().errorText()).isEqualTo("NO_RPC_PROVIDER");
	}

	@Test
	void providingTheSameNameTwiceFails() {
		assertThatExceptionOfType(JsClientException.class)
			.isThrownBy(() -> provider.provide("test/echo", JsBehaviour.echo()))
			.withMessageContaining("already registered");
	}

}
