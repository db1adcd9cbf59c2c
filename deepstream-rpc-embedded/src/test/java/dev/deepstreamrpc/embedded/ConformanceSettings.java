package dev.deepstreamrpc.embedded;

import java.time.Duration;
import java.util.Map;

import dev.deepstreamrpc.test.DeepstreamServerBuilder;
import dev.deepstreamrpc.test.DeepstreamUser;

/**
 * The one configuration that the conformance suites give both the embedded and the real
 * server, so that any difference in outcome is a difference in behaviour.
 */
final class ConformanceSettings {

	static final Duration ACK_TIMEOUT = Duration.ofMillis(300);

	static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(1000);

	static final Duration HEARTBEAT_INTERVAL = Duration.ofMillis(1000);

	static final Duration UNAUTHENTICATED_TIMEOUT = Duration.ofMillis(1000);

	static final Map<String, Object> CALLER_DATA = Map.of("role", "reader");

	static final DeepstreamUser CALLER = DeepstreamUser.of("caller", "caller-secret").withClientData(CALLER_DATA);

	static final DeepstreamUser PROVIDER = DeepstreamUser.of("provider", "provider-secret");

	static final String CALLER_LOGIN = "{\"username\":\"caller\",\"password\":\"caller-secret\"}";

	static final String PROVIDER_LOGIN = "{\"username\":\"provider\",\"password\":\"provider-secret\"}";

	private ConformanceSettings() {
	}

	static void embedded(EmbeddedDeepstreamServerBuilder server) {
		server.ackTimeout(ACK_TIMEOUT)
			.responseTimeout(RESPONSE_TIMEOUT)
			.heartbeatInterval(HEARTBEAT_INTERVAL)
			.unauthenticatedClientTimeout(UNAUTHENTICATED_TIMEOUT)
			.provideRequestorName(true)
			.provideRequestorData(true)
			.user(CALLER.username(), CALLER.password(), CALLER_DATA)
			.user(PROVIDER.username(), PROVIDER.password());
	}

	static void real(DeepstreamServerBuilder server) {
		server.ackTimeout(ACK_TIMEOUT)
			.responseTimeout(RESPONSE_TIMEOUT)
			.heartbeatInterval(HEARTBEAT_INTERVAL)
			.unauthenticatedClientTimeout(UNAUTHENTICATED_TIMEOUT)
			.provideRequestorName(true)
			.provideRequestorData(true)
			.user(CALLER)
			.user(PROVIDER);
	}

}
