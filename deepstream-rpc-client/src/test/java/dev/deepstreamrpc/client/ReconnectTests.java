package dev.deepstreamrpc.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.deepstreamrpc.client.connection.ConnectionState;
import dev.deepstreamrpc.client.connection.ReconnectBackoff;
import dev.deepstreamrpc.client.transport.JdkWebSocketTransport;
import dev.deepstreamrpc.client.transport.Transport;
import dev.deepstreamrpc.test.DeepstreamServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Losing the server and getting it back, each test with a server of its own, over the
 * transport that {@link #transport()} chooses so that another transport can be held to
 * the same behaviour.
 */
class ReconnectTests {

	@RegisterExtension
	final DeepstreamServerExtension deepstream = DeepstreamServerExtension
		.create((server) -> server.heartbeatInterval(Duration.ofSeconds(1)));

	private final List<DeepstreamRpcClient> clients = new CopyOnWriteArrayList<>();

	@AfterEach
	void closeClients() {
		this.clients.forEach(DeepstreamRpcClient::close);
	}

	@Test
	void providersServeAgainAfterTheServerRestartsWithoutAnyUserAction() {
		AtomicInteger logins = new AtomicInteger();
		DeepstreamRpcClient provider = client(() -> {
			logins.incrementAndGet();
			return Map.of("username", "provider");
		});
		provider.provide("restart/echo", (request, response) -> response.send(request.data().as(Object.class))).join();
		DeepstreamRpcClient caller = client(Map::of);
		assertThat(caller.make("restart/echo", "before").join().as(String.class)).isEqualTo("before");

		this.deepstream.server().kill();
		await().atMost(Duration.ofSeconds(5)).until(() -> provider.state() != ConnectionState.OPEN);
		assertThatExceptionOfType(RpcNotConnectedException.class)
			.isThrownBy(() -> RealServerRpcTests.outcomeOf(caller.make("restart/echo", "during")));
		this.deepstream.server().restart();

		await().atMost(Duration.ofSeconds(10))
			.ignoreExceptions()
			.until(() -> "after".equals(caller.make("restart/echo", "after").join().as(String.class)));
		assertThat(provider.providers()).containsEntry("restart/echo", ProviderState.REGISTERED);
		assertThat(logins).hasValueGreaterThanOrEqualTo(2);
	}

	@Test
	void callInFlightWhenTheConnectionIsLostFailsAtOnceWithAnUnknownOutcome() {
		DeepstreamRpcClient provider = client(Map::of);
		provider.provide("restart/hang", (request, response) -> {
		}).join();
		DeepstreamRpcClient caller = client(Map::of);
		CompletableFuture<Payload> inFlight = caller.make("restart/hang", null, Duration.ofSeconds(30));
		await().atMost(Duration.ofSeconds(5)).until(() -> caller.inFlightCalls() == 1);
		this.deepstream.server().kill();
		assertThatExceptionOfType(RpcConnectionLostException.class)
			.isThrownBy(() -> RealServerRpcTests.outcomeOf(inFlight))
			.satisfies((ex) -> assertThat(ex.outcome()).isEqualTo(DeepstreamRpcException.Outcome.UNKNOWN));
	}

	@Test
	void frozenServerIsDetectedByTheHeartbeatAndNoCallHangs() {
		DeepstreamRpcClient caller = client(Map::of);
		this.deepstream.server().freeze();
		try {
			CompletableFuture<Payload> call = caller.make("frozen/call", null, Duration.ofSeconds(30));
			assertThatExceptionOfType(RpcConnectionLostException.class)
				.isThrownBy(() -> RealServerRpcTests.outcomeOf(call));
			assertThat(caller.state()).isIn(ConnectionState.RECONNECTING, ConnectionState.CONNECTING,
					ConnectionState.CHALLENGING);
		}
		finally {
			this.deepstream.server().thaw();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> caller.state() == ConnectionState.OPEN);
	}

	@Test
	void inWaitForConnectionModeCallsMadeDuringAnOutageAreSentAfterTheNextLogin() {
		DeepstreamRpcClient client = track(builder().waitForConnection(true)
			.reconnectBackoff(ReconnectBackoff.exponential(Duration.ofMillis(100), Duration.ofMillis(500)))
			.build());
		client.connect().join();
		client.provide("outage/echo", (request, response) -> response.send(request.data().as(Object.class))).join();
		this.deepstream.server().kill();
		await().atMost(Duration.ofSeconds(5)).until(() -> client.state() != ConnectionState.OPEN);
		CompletableFuture<Payload> waiting = client.make("outage/echo", "waited", Duration.ofSeconds(20));
		CompletableFuture<Payload> tooShort = client.make("outage/echo", "expired", Duration.ofMillis(200));
		assertThatExceptionOfType(RpcNotConnectedException.class)
			.isThrownBy(() -> RealServerRpcTests.outcomeOf(tooShort));
		assertThat(waiting).isNotDone();
		this.deepstream.server().restart();
		assertThat(waiting.join().as(String.class)).isEqualTo("waited");
	}

	@Test
	void firstConnectToAnUnreachableServerFailsButKeepsTrying() {
		this.deepstream.server().kill();
		DeepstreamRpcClient client = track(
				builder().reconnectBackoff(ReconnectBackoff.exponential(Duration.ofMillis(100), Duration.ofMillis(500)))
					.build());
		assertThatExceptionOfType(RpcNotConnectedException.class)
			.isThrownBy(() -> RealServerRpcTests.outcomeOf(client.connect()))
			.withMessageContaining(this.deepstream.url().toString());
		this.deepstream.server().restart();
		await().atMost(Duration.ofSeconds(10)).until(() -> client.state() == ConnectionState.OPEN);
	}

	/**
	 * The transport that every client in these tests connects through.
	 * @return a transport
	 */
	protected Transport transport() {
		return new JdkWebSocketTransport();
	}

	private DeepstreamRpcClientBuilder builder() {
		return DeepstreamRpcClient.builder(this.deepstream.url()).transport(transport());
	}

	private DeepstreamRpcClient client(AuthDataSupplier authData) {
		DeepstreamRpcClient client = track(builder().authData(authData)
			.pingInterval(Duration.ofMillis(250))
			.deadAfter(Duration.ofMillis(750))
			.reconnectBackoff(ReconnectBackoff.exponential(Duration.ofMillis(100), Duration.ofMillis(500)))
			.build());
		client.connect().join();
		return client;
	}

	private DeepstreamRpcClient track(DeepstreamRpcClient client) {
		this.clients.add(client);
		return client;
	}

}
