package dev.deepstreamrpc.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The builder's defaults that the reliability scenarios depend on.
 */
class DeepstreamRpcClientBuilderTests {

	private final DeepstreamRpcClientBuilder builder = DeepstreamRpcClient.builder("ws://localhost:6020/deepstream");

	@Test
	void waitsAtLeastThirtySecondsBeforeLoggingInAgainAfterARefusedLogin() {
		assertThat(this.builder.loginRetryDelay).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void considersTheConnectionDeadAfterTwoMissedPingsByDefault() {
		assertThat(this.builder.pingInterval(Duration.ofSeconds(3)).deadAfterOrDefault())
			.isEqualTo(Duration.ofSeconds(6));
	}

}
