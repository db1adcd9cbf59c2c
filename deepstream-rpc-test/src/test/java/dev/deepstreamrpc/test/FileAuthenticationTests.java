package dev.deepstreamrpc.test;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class FileAuthenticationTests {

	private static final DeepstreamUser alice = DeepstreamUser.of("alice", "secret")
		.withClientData(Map.of("favouriteColor", "red"))
		.withServerData(Map.of("role", "admin"));

	private static final DeepstreamUser bob = DeepstreamUser.of("bob", "p#ss ${HOME} 'x' \"y\" ☃");

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension
		.create((server) -> server.user(alice).user(bob).provideRequestorName(true).provideRequestorData(true));

	@Test
	void userWithCorrectPasswordLogsInAndReceivesClientData() {
		try (JsClient client = JsClient.start(deepstream.server(), alice.authData())) {
			assertThat(client.clientData())
				.hasValueSatisfying((data) -> assertThat(data.path("favouriteColor").asString()).isEqualTo("red"));
		}
	}

	@Test
	void passwordWithCharactersThatDeepstreamPreprocessesIsAcceptedVerbatim() {
		try (JsClient client = JsClient.start(deepstream.server(), bob.authData())) {
			assertThat(client.connectionState()).isEqualTo("OPEN");
		}
	}

	@Test
	void wrongPasswordIsRefused() {
		assertThatExceptionOfType(JsClientException.class)
			.isThrownBy(() -> JsClient.start(deepstream.server(), Map.of("username", "alice", "password", "wrong")))
			.withMessageContaining("refused");
	}

	@Test
	void providerSeesRequestorNameAndClientData() {
		try (JsClient provider = JsClient.start(deepstream.server(), bob.authData());
				JsClient requestor = JsClient.start(deepstream.server(), alice.authData())) {
			provider.provide("whoami", JsBehaviour.requestor());
			JsonNode answer = requestor.make("whoami").join().value().orElseThrow();
			assertThat(answer.path("requestorName").asString()).isEqualTo("alice");
			assertThat(answer.path("requestorData").path("favouriteColor").asString()).isEqualTo("red");
			await().untilAsserted(() -> assertThat(provider.requests("whoami")).singleElement()
				.satisfies((request) -> assertThat(request.requestorName()).contains("alice")));
		}
	}

}
