package dev.deepstreamrpc.test;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ServerConfigWriterTests {

	@Test
	void defaultsGiveOpenAuthNoPermissionsAndOnlyTheBinaryEndpointOnLoopback() {
		JsonNode config = configOf(DeepstreamServer.builder());
		assertThat(config.at("/auth/0/type").asString()).isEqualTo("none");
		assertThat(config.at("/permission/type").asString()).isEqualTo("none");
		assertThat(config.at("/httpServer/options/host").asString()).isEqualTo("127.0.0.1");
		assertThat(config.at("/httpServer/options/port").asInt()).isEqualTo(6021);
		assertThat(config.get("connectionEndpoints")).hasSize(1);
		assertThat(config.at("/connectionEndpoints/0/type").asString()).isEqualTo("ws-binary");
		assertThat(config.at("/connectionEndpoints/0/options/urlPath").asString()).isEqualTo("/deepstream");
		assertThat(config.get("logLevel").asString()).isEqualTo("WARN");
	}

	@Test
	void timeoutsAndLimitsAreWrittenInMilliseconds() {
		JsonNode config = configOf(DeepstreamServer.builder()
			.ackTimeout(Duration.ofMillis(250))
			.responseTimeout(Duration.ofSeconds(3))
			.heartbeatInterval(Duration.ofSeconds(2))
			.unauthenticatedClientTimeout(Duration.ofSeconds(5))
			.maxAuthAttempts(2)
			.maxMessageSize(65536)
			.provideRequestorName(true));
		assertThat(config.at("/rpc/ackTimeout").asLong()).isEqualTo(250);
		assertThat(config.at("/rpc/responseTimeout").asLong()).isEqualTo(3000);
		assertThat(config.at("/rpc/provideRequestorName").asBoolean()).isTrue();
		assertThat(config.at("/rpc/provideRequestorData").asBoolean()).isFalse();
		JsonNode endpoint = config.at("/connectionEndpoints/0/options");
		assertThat(endpoint.get("heartbeatInterval").asLong()).isEqualTo(2000);
		assertThat(endpoint.get("unauthenticatedClientTimeout").asLong()).isEqualTo(5000);
		assertThat(endpoint.get("maxAuthAttempts").asInt()).isEqualTo(2);
		assertThat(endpoint.get("maxMessageSize").asInt()).isEqualTo(65536);
	}

	@Test
	void usersSwitchToFileAuthWithClearTextPasswordsAndData() {
		JsonNode config = configOf(DeepstreamServer.builder()
			.user(DeepstreamUser.of("alice", "a#b").withClientData(Map.of("c", 1)).withServerData(Map.of("s", 2)))
			.user("bob", "pw"));
		assertThat(config.at("/auth/0/type").asString()).isEqualTo("file");
		JsonNode users = config.at("/auth/0/options/users");
		assertThat(users.at("/alice/password").asString()).isEqualTo("a#b");
		assertThat(users.at("/alice/clientData/c").asInt()).isEqualTo(1);
		assertThat(users.at("/alice/serverData/s").asInt()).isEqualTo(2);
		assertThat(users.get("bob").has("clientData")).isFalse();
		assertThat(config.at("/auth/0/options").has("hash")).isFalse();
	}

	@Test
	void rpcRulesSwitchOnConfigPermissions() {
		JsonNode config = configOf(DeepstreamServer.builder()
			.rpcPermission("denied/*", true, false)
			.rpcPermission("checked/*", "true", "data.amount < 100"));
		assertThat(config.at("/permission/type").asString()).isEqualTo("config");
		JsonNode rpc = config.at("/permission/options/permissions/rpc");
		assertThat(rpc.at("/denied~1*/request").asBoolean()).isFalse();
		assertThat(rpc.at("/denied~1*/request").isBoolean()).isTrue();
		assertThat(rpc.at("/checked~1*/request").asString()).isEqualTo("data.amount < 100");
	}

	private static JsonNode configOf(DeepstreamServerBuilder builder) {
		ServerSettings settings = builder.settings();
		return new ServerConfigWriter(settings).config(6021);
	}

}
