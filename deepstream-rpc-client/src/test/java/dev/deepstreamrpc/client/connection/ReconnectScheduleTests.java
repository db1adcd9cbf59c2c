package dev.deepstreamrpc.client.connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

import dev.deepstreamrpc.client.connection.FakeTransport.FakeSocket;
import dev.deepstreamrpc.client.connection.FakeTransport.LoginAnswer;
import dev.deepstreamrpc.wire.AuthAction;
import dev.deepstreamrpc.wire.ConnectionAction;
import dev.deepstreamrpc.wire.proto.Topic;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When reconnection attempts happen, on fake time: the backoff after network failures,
 * its reset after a login, the slow retry after a refused login, and one login per
 * connection with authentication data obtained afresh each time.
 */
class ReconnectScheduleTests {

	private static final Logger summary = LoggerFactory.getLogger("dev.deepstreamrpc.scenario");

	private static final Duration PING_INTERVAL = Duration.ofSeconds(10);

	private static final Duration LOGIN_RETRY_DELAY = Duration.ofSeconds(30);

	@Test
	void delaysFollowTheBackoffForEachConsecutiveFailure() {
		ReconnectBackoff backoff = ReconnectBackoff.exponential(Duration.ofMillis(500), Duration.ofSeconds(8),
				sequence(0.125, 0.875, 0.5, 0.25, 0.75, 0.0, 0.5));
		FakeTimeConnection fake = connection(backoff);
		fake.transport.refuseConnections(true);
		fake.open();
		fake.clock.advance(Duration.ofSeconds(40));
		assertThat(intervals(fake.transport.connectNanos()).subList(0, 7)).containsExactly(Duration.ofMillis(368),
				Duration.ofMillis(1262), Duration.ofMillis(2000), Duration.ofMillis(3300), Duration.ofMillis(9399),
				Duration.ofMillis(5200), Duration.ofMillis(8000));
		assertThat(fake.states).doesNotContain(ConnectionState.OPEN, ConnectionState.AUTHENTICATION_FAILED);
	}

	@Test
	void jitterSpreadsEachDelayWithin35PercentOfTheBackoff() {
		Duration initial = Duration.ofMillis(500);
		Duration max = Duration.ofSeconds(8);
		FakeTimeConnection fake = connection(ReconnectBackoff.exponential(initial, max, new Random(20)::nextDouble));
		fake.transport.refuseConnections(true);
		fake.open();
		fake.clock.advance(Duration.ofMinutes(5));
		List<Duration> delays = intervals(fake.transport.connectNanos());
		for (int attempt = 1; attempt <= delays.size(); attempt++) {
			long base = Math.min(initial.toMillis() << Math.min(attempt - 1, 20), max.toMillis());
			assertThat(delays.get(attempt - 1).toMillis()).as("delay after failure %d", attempt)
				.isBetween(base * 13 / 20, base * 27 / 20);
		}
		List<Duration> capped = delays.subList(5, delays.size());
		double mean = capped.stream().mapToLong(Duration::toMillis).average().orElseThrow();
		double deviation = Math
			.sqrt(capped.stream().mapToDouble((delay) -> Math.pow(delay.toMillis() - mean, 2)).sum() / capped.size());
		assertThat(deviation).isGreaterThan(mean * 0.1);
		summary.info(
				"reconnect backoff (fake time): {} attempts in 5 min, capped delays mean {} ms, "
						+ "standard deviation {} ms (pass: each within base ± 35%, deviation > 10% of mean)",
				delays.size() + 1, Math.round(mean), Math.round(deviation));
	}

	@Test
	void backoffStartsAgainAfterALogin() {
		List<Integer> attempts = new ArrayList<>();
		FakeTimeConnection fake = connection((attempt) -> {
			attempts.add(attempt);
			return Duration.ofSeconds(attempt);
		});
		fake.transport.refuseConnections(true);
		fake.open();
		fake.clock.advance(Duration.ofSeconds(3));
		assertThat(attempts).containsExactly(1, 2, 3);
		fake.transport.refuseConnections(false);
		fake.clock.advance(Duration.ofSeconds(3));
		assertThat(fake.connection.state()).isEqualTo(ConnectionState.OPEN);
		fake.transport.lastSocket().drop();
		fake.clock.runDueTasks();
		long dropped = fake.clock.nanoTime();
		fake.clock.advance(Duration.ofSeconds(5));
		assertThat(attempts).containsExactly(1, 2, 3, 1);
		assertThat(fake.connection.state()).isEqualTo(ConnectionState.OPEN);
		assertThat(fake.transport.connectNanos()).last().isEqualTo(dropped + Duration.ofSeconds(1).toNanos());
	}

	@Test
	void refusedLoginWaitsTheLoginRetryDelayInsteadOfTheBackoff() {
		FakeTimeConnection fake = connection((attempt) -> Duration.ofMillis(100));
		fake.transport.answerLogins(LoginAnswer.REFUSE);
		CompletableFuture<Void> firstLogin = fake.connection.open();
		fake.clock.runDueTasks();
		assertThat(fake.connection.state()).isEqualTo(ConnectionState.AUTHENTICATION_FAILED);
		assertThat(firstLogin).isCompletedExceptionally();
		fake.clock.advance(LOGIN_RETRY_DELAY.minusMillis(1));
		assertThat(fake.transport.connectNanos()).hasSize(1);
		fake.clock.advance(Duration.ofMillis(1));
		assertThat(fake.transport.connectNanos()).hasSize(2);
		assertThat(intervals(fake.transport.connectNanos())).containsExactly(LOGIN_RETRY_DELAY);
	}

	@Test
	void supplierOfABadTokenCannotMakeTheClientStormTheServer() {
		int minutes = 10;
		FakeTimeConnection fake = connection((attempt) -> Duration.ofMillis(100));
		fake.transport.answerLogins(LoginAnswer.REFUSE);
		fake.open();
		fake.clock.advance(Duration.ofMinutes(minutes));
		int authAttempts = fake.transport.sockets()
			.stream()
			.mapToInt((socket) -> socket.sent(Topic.AUTH, AuthAction.REQUEST).size())
			.sum();
		int bound = minutes * 60 / (int) LOGIN_RETRY_DELAY.toSeconds() + 1;
		assertThat(authAttempts).isLessThanOrEqualTo(bound).isEqualTo(fake.logins());
		assertThat(fake.transport.sockets()).allSatisfy(
				(socket) -> assertThat(socket.sent(Topic.AUTH, AuthAction.REQUEST)).hasSizeLessThanOrEqualTo(1));
		summary.info(
				"refused login (fake time): {} AUTH attempts in {} min with loginRetryDelay {} s "
						+ "(pass: <= {}, <= 1 per connection)",
				authAttempts, minutes, LOGIN_RETRY_DELAY.toSeconds(), bound);
	}

	@Test
	void authenticationDataIsObtainedOncePerConnection() {
		FakeTimeConnection fake = connection((attempt) -> Duration.ofSeconds(1));
		fake.open();
		for (int drop = 0; drop < 5; drop++) {
			fake.transport.lastSocket().drop();
			fake.transport.refuseConnections(drop % 2 == 0);
			fake.clock.advance(Duration.ofSeconds(1));
			fake.transport.refuseConnections(false);
			fake.clock.advance(Duration.ofSeconds(3));
			assertThat(fake.connection.state()).isEqualTo(ConnectionState.OPEN);
		}
		assertThat(fake.reconnects()).isEqualTo(5);
		assertThat(fake.logins()).isEqualTo(fake.reconnects() + 1);
		assertThat(fake.transport.connectNanos()).hasSizeGreaterThan(fake.logins());
		assertThat(fake.transport.sockets())
			.allSatisfy((socket) -> assertThat(socket.sent(Topic.AUTH, AuthAction.REQUEST)).hasSize(1));
	}

	@Test
	void repeatedChallengeAcceptanceSendsNoSecondLogin() {
		FakeTimeConnection fake = connection((attempt) -> Duration.ofSeconds(1));
		fake.transport.answerLogins(LoginAnswer.IGNORE);
		assertThat(fake.open()).isEqualTo(ConnectionState.AUTHENTICATING);
		FakeSocket socket = fake.transport.lastSocket();
		socket.feedConnection(ConnectionAction.ACCEPT);
		socket.feedConnection(ConnectionAction.ACCEPT);
		fake.clock.advance(Duration.ofSeconds(9));
		assertThat(socket.sent(Topic.AUTH, AuthAction.REQUEST)).hasSize(1);
		assertThat(fake.logins()).isEqualTo(1);
		fake.clock.advance(Duration.ofSeconds(1));
		assertThat(socket.abortedNanos()).as("aborted at the connect timeout").isNotNull();
		assertThat(fake.connection.state()).isEqualTo(ConnectionState.RECONNECTING);
	}

	private static FakeTimeConnection connection(ReconnectBackoff backoff) {
		return new FakeTimeConnection(
				FakeTimeConnection.settings(PING_INTERVAL, PING_INTERVAL.multipliedBy(2), backoff, LOGIN_RETRY_DELAY));
	}

	private static DoubleSupplier sequence(double... values) {
		AtomicInteger next = new AtomicInteger();
		return () -> values[next.getAndIncrement() % values.length];
	}

	private static List<Duration> intervals(List<Long> nanos) {
		List<Duration> intervals = new ArrayList<>();
		for (int i = 1; i < nanos.size(); i++) {
			intervals.add(Duration.ofNanos(nanos.get(i) - nanos.get(i - 1)));
		}
		return intervals;
	}

}
