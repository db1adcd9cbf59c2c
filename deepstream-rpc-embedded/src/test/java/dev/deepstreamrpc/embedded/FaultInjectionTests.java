package dev.deepstreamrpc.embedded;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.RpcNoProviderException;
import dev.deepstreamrpc.client.RpcRemoteException;
import dev.deepstreamrpc.client.RpcTimeoutException;
import dev.deepstreamrpc.client.connection.ConnectionState;
import dev.deepstreamrpc.embedded.junit.EmbeddedDeepstreamExtension;
import dev.deepstreamrpc.test.RawPeer;
import dev.deepstreamrpc.wire.RpcAction;
import dev.deepstreamrpc.wire.proto.RpcMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.deepstreamrpc.embedded.RpcConformanceTests.outcomeOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Each kind of fault the embedded server can inject, seen from the Java client.
 */
class FaultInjectionTests {

	private static final Duration ACK_TIMEOUT = Duration.ofMillis(300);

	@RegisterExtension
	static final EmbeddedDeepstreamExtension deepstream = EmbeddedDeepstreamExtension
		.create((server) -> server.ackTimeout(ACK_TIMEOUT).user("alice", "a").user("bob", "b"));

	private final List<AutoCloseable> peers = new CopyOnWriteArrayList<>();

	private final AtomicInteger served = new AtomicInteger();

	@AfterEach
	void closePeers() throws Exception {
		for (AutoCloseable peer : this.peers) {
			peer.close();
		}
	}

	@Test
	void timedOutRequestsNeverReachAProviderAndEndWithAnAcceptTimeout() throws Throwable {
		DeepstreamRpcClient client = providingClient("fault/timeout");
		deepstream.faults().timeOutNext("fault/timeout", 2);
		for (int i = 0; i < 2; i++) {
			long start = System.nanoTime();
			assertThatExceptionOfType(RpcTimeoutException.class)
				.isThrownBy(() -> outcomeOf(client.make("fault/timeout")))
				.satisfies((ex) -> assertThat(ex.phase()).isEqualTo(RpcTimeoutException.Phase.ACCEPT));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(ACK_TIMEOUT.minusMillis(30),
					ACK_TIMEOUT.plusMillis(400));
		}
		assertThat(this.served).hasValue(0);
		assertThat(outcomeOf(client.make("fault/timeout")).as(String.class)).isEqualTo("served");
	}

	@Test
	void rejectedRequestsFailAtOnceWithoutProvider() throws Throwable {
		DeepstreamRpcClient client = providingClient("fault/reject");
		deepstream.faults().rejectNext("fault/reject", 1);
		assertThatExceptionOfType(RpcNoProviderException.class)
			.isThrownBy(() -> outcomeOf(client.make("fault/reject")));
		assertThat(outcomeOf(client.make("fault/reject")).as(String.class)).isEqualTo("served");
		assertThat(this.served).hasValue(1);
	}

	@Test
	void failedRequestsCarryTheErrorAsAJsonString() throws Throwable {
		DeepstreamRpcClient client = providingClient("fault/fail");
		deepstream.faults().failNext("fault/fail", 1, "disk \"full\"");
		assertThatExceptionOfType(RpcRemoteException.class).isThrownBy(() -> outcomeOf(client.make("fault/fail")))
			.satisfies((ex) -> assertThat(ex.error().json()).isEqualTo("\"disk \\\"full\\\"\""));
		assertThat(this.served).hasValue(0);
	}

	@Test
	void plannedFaultsApplyInTheOrderTheyWerePlannedAndOnlyToTheirName() throws Throwable {
		DeepstreamRpcClient client = providingClient("fault/order");
		client.provide("fault/other", (request, response) -> response.send("other")).join();
		deepstream.faults().rejectNext("fault/order", 1);
		deepstream.faults().failNext("fault/order", 1, "second");
		assertThat(outcomeOf(client.make("fault/other")).as(String.class)).isEqualTo("other");
		assertThatExceptionOfType(RpcNoProviderException.class).isThrownBy(() -> outcomeOf(client.make("fault/order")));
		assertThatExceptionOfType(RpcRemoteException.class).isThrownBy(() -> outcomeOf(client.make("fault/order")));
		assertThat(outcomeOf(client.make("fault/order")).as(String.class)).isEqualTo("served");
	}

	@Test
	void delayedMessagesArriveLate() throws Exception {
		RawPeer peer = rawPeer("alice", "a");
		deepstream.faults().delayMessages(Duration.ofMillis(300));
		long start = System.nanoTime();
		peer.send(unprovide("late"));
		assertThat(peer.nextRpc().getCorrelationId()).isEqualTo("late");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
	}

	@Test
	void messagesSentAfterTheDelayIsShortenedNeverOvertakeDelayedOnes() throws Exception {
		RawPeer peer = rawPeer("alice", "a");
		deepstream.faults().delayMessages(Duration.ofMillis(600));
		for (int i = 0; i < 10; i++) {
			peer.send(unprovide(String.valueOf(i)));
		}
		assertThat(peer.poll(Duration.ofMillis(150))).as("held back").isNull();
		deepstream.faults().delayMessages(Duration.ZERO);
		for (int i = 10; i < 20; i++) {
			peer.send(unprovide(String.valueOf(i)));
		}
		for (int i = 0; i < 20; i++) {
			assertThat(peer.nextRpc().getCorrelationId()).isEqualTo(String.valueOf(i));
		}
	}

	@Test
	void droppedConnectionsAreAbortedAndClientsReconnect() throws Throwable {
		DeepstreamRpcClient client = providingClient("fault/drop");
		RawPeer peer = rawPeer("bob", "b");
		assertThat(deepstream.faults().dropConnections()).isEqualTo(2);
		assertThat(peer.awaitClose()).isEqualTo(RawPeer.ABORTED);
		await().atMost(Duration.ofSeconds(10)).until(() -> client.state() == ConnectionState.OPEN);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(outcomeOf(client.make("fault/drop")).as(String.class)).isEqualTo("served"));
	}

	@Test
	void droppingOneUserLeavesTheOthersConnected() throws Exception {
		RawPeer alice = rawPeer("alice", "a");
		RawPeer bob = rawPeer("bob", "b");
		assertThat(deepstream.faults().dropConnections("alice")).isEqualTo(1);
		assertThat(alice.awaitClose()).isEqualTo(RawPeer.ABORTED);
		bob.send(unprovide("still-here"));
		assertThat(bob.nextRpc().getCorrelationId()).isEqualTo("still-here");
		assertThat(deepstream.faults().dropConnections("carol")).isZero();
	}

	@Test
	void resetForgetsPlannedFaultsAndTheDelay() throws Throwable {
		DeepstreamRpcClient client = providingClient("fault/reset");
		deepstream.faults().rejectNext("fault/reset", 5);
		deepstream.faults().delayMessages(Duration.ofSeconds(30));
		deepstream.faults().reset();
		assertThat(outcomeOf(client.make("fault/reset")).as(String.class)).isEqualTo("served");
	}

	private DeepstreamRpcClient providingClient(String name) {
		DeepstreamRpcClient client = DeepstreamRpcClient.builder(deepstream.url())
			.authData(Map.of("username", "alice", "password", "a"))
			.serverTimeouts(ACK_TIMEOUT, Duration.ofSeconds(10))
			.build();
		this.peers.add(client);
		client.connect().join();
		client.provide(name, (request, response) -> {
			this.served.incrementAndGet();
			response.send("served");
		}).join();
		return client;
	}

	private RawPeer rawPeer(String username, String password) throws Exception {
		RawPeer peer = RawPeer.loggedIn(deepstream.url(),
				"{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
		this.peers.add(peer);
		return peer;
	}

	private static RpcMessage unprovide(String correlationId) {
		return RpcMessage.newBuilder()
			.setAction(RpcAction.UNPROVIDE.code())
			.setCorrelationId(correlationId)
			.addNames("nothing/here")
			.build();
	}

}
