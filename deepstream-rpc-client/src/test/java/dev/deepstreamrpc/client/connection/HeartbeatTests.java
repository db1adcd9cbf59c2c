package dev.deepstreamrpc.client.connection;

import java.time.Duration;
import java.util.List;

import dev.deepstreamrpc.client.connection.FakeTransport.FakeSocket;
import dev.deepstreamrpc.wire.ConnectionAction;
import dev.deepstreamrpc.wire.RpcAction;
import dev.deepstreamrpc.wire.proto.RpcMessage;
import dev.deepstreamrpc.wire.proto.Topic;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heartbeat on fake time: pings on a fixed schedule, and a logged-in session whose
 * pings go unanswered for {@code deadAfter} aborted at the next check, never closed
 * politely, however much other traffic still arrives.
 */
class HeartbeatTests {

	private static final Logger summary = LoggerFactory.getLogger("dev.deepstreamrpc.scenario");

	private static final Duration PING_INTERVAL = Duration.ofSeconds(10);

	private static final Duration DEAD_AFTER = Duration.ofSeconds(20);

	private static final Duration CHECK_INTERVAL = DEAD_AFTER.dividedBy(10);

	private final FakeTimeConnection fake = new FakeTimeConnection(FakeTimeConnection.settings(PING_INTERVAL,
			DEAD_AFTER, (attempt) -> Duration.ofSeconds(1), Duration.ofSeconds(30)));

	@Test
	void pingsEveryIntervalWhateverElseIsSentOrReceived() {
		assertThat(this.fake.open()).isEqualTo(ConnectionState.OPEN);
		long opened = this.fake.clock.nanoTime();
		Session session = this.fake.connection.openSession();
		FakeSocket socket = this.fake.transport.lastSocket();
		for (int second = 0; second < 60; second++) {
			assertThat(session.send(request("busy/call-" + second))).isEqualTo(SendResult.SENT);
			socket.feed(Topic.RPC, RpcMessage.newBuilder().setAction(RpcAction.RESPONSE.code()).build());
			this.fake.clock.advance(Duration.ofMillis(1000));
		}
		assertThat(this.fake.received).hasSize(60);
		assertThat(offsets(socket.sent(Topic.CONNECTION, ConnectionAction.PING), opened)).containsExactly(
				Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(40),
				Duration.ofSeconds(50), Duration.ofSeconds(60));
	}

	@Test
	void sessionWithUnansweredPingsIsAbortedAtTheFirstCheckAfterDeadAfterWhateverElseArrives() {
		this.fake.transport.answerPings(false);
		this.fake.open();
		long loggedIn = this.fake.clock.nanoTime();
		FakeSocket socket = this.fake.transport.lastSocket();
		while (socket.abortedNanos() == null
				&& this.fake.clock.nanoTime() - loggedIn < Duration.ofMinutes(1).toNanos()) {
			socket.feed(Topic.RPC, RpcMessage.newBuilder().setAction(RpcAction.RESPONSE.code()).build());
			this.fake.clock.advance(Duration.ofMillis(500));
		}
		assertThat(socket.abortedNanos()).isNotNull();
		Duration detection = Duration.ofNanos(socket.abortedNanos() - loggedIn);
		assertThat(detection).isEqualTo(Duration.ofSeconds(22));
		assertThat(detection).isGreaterThan(DEAD_AFTER).isLessThanOrEqualTo(DEAD_AFTER.plus(CHECK_INTERVAL));
		assertThat(this.fake.received).hasSizeGreaterThanOrEqualTo(44);
		assertThat(offsets(socket.sent(Topic.CONNECTION, ConnectionAction.PING), loggedIn))
			.containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20));
		summary.info(
				"heartbeat (fake time): session whose pings went unanswered aborted {} ms after login although"
						+ " {} responses arrived meanwhile (pass: > deadAfter {} ms and <= deadAfter + a tenth {} ms)",
				detection.toMillis(), this.fake.received.size(), DEAD_AFTER.toMillis(),
				DEAD_AFTER.plus(CHECK_INTERVAL).toMillis());
	}

	@Test
	void pongsIgnoredForAFullDeadAfterTakeTheAbortPath() {
		this.fake.open();
		FakeSocket socket = this.fake.transport.lastSocket();
		this.fake.clock.advance(Duration.ofMinutes(5));
		long lastPong = this.fake.clock.nanoTime();
		this.fake.transport.answerPings(false);
		this.fake.clock.advance(DEAD_AFTER.plus(CHECK_INTERVAL));
		assertThat(socket.abortedNanos()).isEqualTo(lastPong + DEAD_AFTER.plus(CHECK_INTERVAL).toNanos());
		assertThat(socket.isClosed()).as("closed with a handshake").isFalse();
		assertThat(this.fake.closedNanos).containsExactly(socket.abortedNanos());
		assertThat(this.fake.closeCauses.get(0)).hasMessage("The server answered no PING for 20000 ms");
		assertThat(this.fake.connection.state()).isEqualTo(ConnectionState.RECONNECTING);
		assertThat(this.fake.connection.openSession()).isNull();
		this.fake.transport.answerPings(true);
		this.fake.clock.advance(Duration.ofSeconds(1));
		assertThat(this.fake.connection.state()).isEqualTo(ConnectionState.OPEN);
		assertThat(this.fake.transport.sockets()).hasSize(2);
	}

	@Test
	void answeredPingsKeepTheConnectionOpenIndefinitely() {
		this.fake.open();
		FakeSocket socket = this.fake.transport.lastSocket();
		this.fake.clock.advance(Duration.ofMinutes(30));
		assertThat(this.fake.states).containsExactly(ConnectionState.CONNECTING, ConnectionState.CHALLENGING,
				ConnectionState.AUTHENTICATING, ConnectionState.OPEN);
		assertThat(this.fake.transport.sockets()).containsExactly(socket);
		assertThat(socket.abortedNanos()).isNull();
		assertThat(socket.sent(Topic.CONNECTION, ConnectionAction.PING)).hasSize(180);
		assertThat(this.fake.closedNanos).isEmpty();
	}

	@Test
	void closingStopsTheHeartbeat() {
		this.fake.open();
		this.fake.connection.close();
		assertThat(this.fake.clock.pendingTasks()).isZero();
		assertThat(this.fake.transport.lastSocket().isClosed()).isTrue();
	}

	private static RpcMessage request(String name) {
		return RpcMessage.newBuilder().setAction(RpcAction.REQUEST.code()).setName(name).setCorrelationId(name).build();
	}

	private static List<Duration> offsets(List<FakeTransport.Sent> sent, long from) {
		return sent.stream().map((frame) -> Duration.ofNanos(frame.nanos() - from)).toList();
	}

}
