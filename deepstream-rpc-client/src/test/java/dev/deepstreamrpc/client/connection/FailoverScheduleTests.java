package dev.deepstreamrpc.client.connection;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which URI each attempt of a connection with several URIs goes to, and when, on fake
 * time: the next URI at once after a loss, the backoff only after a full round of
 * failures, and a first connect that fails only when the whole first round did.
 */
class FailoverScheduleTests {

	private static final URI NODE_A = URI.create("ws://a.invalid/deepstream");

	private static final URI NODE_B = URI.create("ws://b.invalid/deepstream");

	private static final URI NODE_C = URI.create("ws://c.invalid/deepstream");

	@Test
	void lostConnectionMovesToTheNextUriAtOnce() {
		FakeTimeConnection fake = connection(List.of(NODE_A, NODE_B));
		List<URI> tried = attempts(fake);
		assertThat(fake.open()).isEqualTo(ConnectionState.OPEN);
		fake.transport.lastSocket().drop();
		long dropped = fake.clock.nanoTime();
		fake.clock.runDueTasks();
		assertThat(fake.connection.state()).isEqualTo(ConnectionState.OPEN);
		assertThat(fake.connection.uri()).isEqualTo(NODE_B);
		assertThat(tried).containsExactly(NODE_A, NODE_B);
		assertThat(fake.transport.connectNanos()).last().isEqualTo(dropped);
	}

	@Test
	void everyLossStartsAFreshRoundFromTheUriLoggedInTo() {
		FakeTimeConnection fake = connection(List.of(NODE_A, NODE_B, NODE_C));
		List<URI> tried = attempts(fake);
		fake.open();
		for (int loss = 0; loss < 4; loss++) {
			fake.transport.lastSocket().drop();
			fake.clock.runDueTasks();
			assertThat(fake.connection.state()).isEqualTo(ConnectionState.OPEN);
		}
		assertThat(tried).containsExactly(NODE_A, NODE_B, NODE_C, NODE_A, NODE_B);
		assertThat(fake.transport.connectNanos()).containsOnly(fake.transport.connectNanos().get(0));
	}

	@Test
	void backoffComesAfterEachFullRoundOfFailures() {
		FakeTimeConnection fake = connection(List.of(NODE_A, NODE_B));
		List<URI> tried = attempts(fake);
		fake.transport.refuseConnections(true);
		fake.open();
		fake.clock.advance(Duration.ofSeconds(7));
		assertThat(intervals(fake.transport.connectNanos())).containsExactly(Duration.ZERO, Duration.ofSeconds(1),
				Duration.ZERO, Duration.ofSeconds(2), Duration.ZERO, Duration.ofSeconds(3), Duration.ZERO);
		assertThat(tried).containsExactly(NODE_A, NODE_B, NODE_A, NODE_B, NODE_A, NODE_B, NODE_A, NODE_B);
		fake.transport.refuseConnections(false);
		fake.clock.advance(Duration.ofSeconds(4));
		assertThat(fake.connection.state()).isEqualTo(ConnectionState.OPEN);
		assertThat(fake.connection.uri()).isEqualTo(NODE_A);
	}

	@Test
	void firstConnectFailsOnlyOnceEveryUriOfTheFirstRoundFailed() {
		FakeTimeConnection fake = connection(List.of(NODE_A, NODE_B));
		AtomicReference<@Nullable CompletableFuture<Void>> firstLogin = new AtomicReference<>();
		List<Boolean> failedBeforeAttempt = new ArrayList<>();
		fake.connection.addListener((previous, current, cause) -> {
			CompletableFuture<Void> login = firstLogin.get();
			if (current == ConnectionState.CONNECTING && login != null) {
				failedBeforeAttempt.add(login.isCompletedExceptionally());
			}
		});
		fake.transport.refuseConnections(true);
		firstLogin.set(fake.connection.open());
		fake.clock.runDueTasks();
		assertThat(failedBeforeAttempt).containsExactly(false);
		assertThat(firstLogin.get()).isCompletedExceptionally();
	}

	private static FakeTimeConnection connection(List<URI> uris) {
		ConnectionSettings single = FakeTimeConnection.settings(Duration.ofSeconds(10), Duration.ofSeconds(20),
				(attempt) -> Duration.ofSeconds(attempt), Duration.ofSeconds(30));
		return new FakeTimeConnection(
				new ConnectionSettings(uris, single.connectTimeout(), single.pingInterval(), single.deadAfter(),
						single.backoff(), single.loginRetryDelay(), single.maxMessageSize(), single.sdkVersion()));
	}

	private static List<URI> attempts(FakeTimeConnection fake) {
		List<URI> tried = new ArrayList<>();
		fake.connection.addListener((previous, current, cause) -> {
			if (current == ConnectionState.CONNECTING) {
				tried.add(fake.connection.uri());
			}
		});
		return tried;
	}

	private static List<Duration> intervals(List<Long> nanos) {
		List<Duration> intervals = new ArrayList<>();
		for (int i = 1; i < nanos.size(); i++) {
			intervals.add(Duration.ofNanos(nanos.get(i) - nanos.get(i - 1)));
		}
		return intervals;
	}

}
