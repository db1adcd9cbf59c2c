package dev.deepstreamrpc.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.deepstreamrpc.client.connection.ConnectionState;
import dev.deepstreamrpc.client.connection.ReconnectBackoff;
import dev.deepstreamrpc.test.DeepstreamServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 18 of RELIABILITY.md against the real server: authentication data is asked for
 * afresh on every reconnect, so that a short-lived token is never reused after the server
 * restarts.
 */
class CredentialRotationTests {

	private static final Logger summary = LoggerFactory.getLogger("dev.deepstreamrpc.scenario");

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

	private static final int RESTARTS = 3;

	@RegisterExtension
	final DeepstreamServerExtension deepstream = DeepstreamServerExtension.create();

	@Test
	void everyReconnectAfterAServerRestartLogsInWithAFreshToken() {
		List<String> tokens = new CopyOnWriteArrayList<>();
		List<Long> openedNanos = new CopyOnWriteArrayList<>();
		AuthDataSupplier rotating = () -> {
			String token = "token-" + UUID.randomUUID();
			tokens.add(token);
			return Map.of("token", token);
		};
		try (DeepstreamRpcClient client = DeepstreamRpcClient.builder(this.deepstream.url())
			.authData(rotating)
			.pingInterval(Duration.ofMillis(250))
			.deadAfter(Duration.ofMillis(750))
			.reconnectBackoff(ReconnectBackoff.exponential(Duration.ofMillis(100), MAX_BACKOFF))
			.build()) {
			client.addConnectionStateListener((previous, current, cause) -> {
				if (current == ConnectionState.OPEN) {
					openedNanos.add(System.nanoTime());
				}
			});
			client.connect().join();
			List<Duration> backAfter = new ArrayList<>();
			for (int restart = 1; restart <= RESTARTS; restart++) {
				this.deepstream.server().restart();
				long serverBack = System.nanoTime();
				int logins = restart + 1;
				await().atMost(Duration.ofSeconds(10)).until(() -> openedNanos.size() == logins);
				backAfter.add(Duration.ofNanos(Math.max(0, openedNanos.get(logins - 1) - serverBack)));
			}
			int reconnects = openedNanos.size() - 1;
			assertThat(reconnects).isEqualTo(RESTARTS);
			assertThat(tokens).hasSize(reconnects + 1).doesNotHaveDuplicates();
			assertThat(backAfter)
				.allSatisfy((after) -> assertThat(after).isLessThanOrEqualTo(MAX_BACKOFF.plusMillis(500)));
			summary.info("scenario 18 rotated credentials: supplier called {} times for {} reconnects, "
					+ "OPEN again {} ms after each restart (pass: calls = reconnects + 1, <= backoff cap + 500 ms)",
					tokens.size(), reconnects, backAfter.stream().map(Duration::toMillis).toList());
		}
	}

}
