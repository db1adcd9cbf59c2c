package dev.deepstreamrpc.spring.transport;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.transport.TransportConnection;
import dev.deepstreamrpc.test.DeepstreamServerExtension;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import org.apache.tomcat.websocket.WsWebSocketContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.web.socket.client.standard.StandardWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * What the Spring transport adds to the client's own behaviour tests: large messages on a
 * container that defaults to 8 KiB, the send bound, a hard abort of a frozen server, and
 * the connect timeout.
 */
class SpringWebSocketTransportTests {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension.create();

	@AutoClose
	private final SpringWebSocketTransport transport = new SpringWebSocketTransport();

	private final RecordingListener listener = new RecordingListener();

	private final WebSocketContainer container = ContainerProvider.getWebSocketContainer();

	@AfterEach
	void destroyContainer() {
		((WsWebSocketContainer) this.container).destroy();
	}

	@Test
	void messagesLargerThanTheContainerDefaultArriveWhole() {
		SpringWebSocketTransport onPlainClient = new SpringWebSocketTransport(
				new StandardWebSocketClient(this.container));
		try (DeepstreamRpcClient provider = connected(onPlainClient);
				DeepstreamRpcClient caller = connected(onPlainClient)) {
			provider.provide("echo/large", (request, response) -> response.send(request.data().as(String.class)))
				.join();
			String large = "x".repeat(900 * 1024);
			assertThat(caller.make("echo/large", large).join().as(String.class)).isEqualTo(large);
		}
	}

	@Test
	void sendBeyondTheQueueBoundIsRefusedWithoutBlocking() {
		SpringWebSocketTransport bounded = new SpringWebSocketTransport(new StandardWebSocketClient(this.container),
				SpringWebSocketTransport.DEFAULT_MAX_INBOUND_MESSAGE_SIZE, 1024);
		TransportConnection connection = bounded.connect(deepstream.url(), CONNECT_TIMEOUT, this.listener).join();
		try {
			assertThat(connection.send(new byte[2048])).isFalse();
			assertThat(connection.send(new byte[0])).isTrue();
		}
		finally {
			connection.abort();
		}
	}

	@Test
	void abortDropsAFrozenServerAtOnce() {
		TransportConnection connection = this.transport.connect(deepstream.url(), CONNECT_TIMEOUT, this.listener)
			.join();
		deepstream.server().freeze();
		try {
			long start = System.nanoTime();
			connection.abort();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
			assertThat(this.listener.events).containsExactly("closed WebSocket aborted");
			assertThat(connection.send(new byte[1])).isFalse();
		}
		finally {
			deepstream.server().thaw();
		}
	}

	@Test
	void closeEndsTheConnectionOnceWithoutACause() {
		TransportConnection connection = this.transport.connect(deepstream.url(), CONNECT_TIMEOUT, this.listener)
			.join();
		connection.close();
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.listener.events.isEmpty());
		connection.abort();
		assertThat(this.listener.events).containsExactly("closed null");
		assertThat(this.listener.overlaps).hasValue(0);
	}

	@Test
	void handshakeThatNeverCompletesFailsAfterTheTimeout() throws Exception {
		try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			URI uri = URI.create("ws://127.0.0.1:" + silent.getLocalPort() + "/deepstream");
			CompletableFuture<TransportConnection> connecting = this.transport.connect(uri, Duration.ofMillis(200),
					this.listener);
			await().atMost(Duration.ofSeconds(2)).until(connecting::isDone);
			assertThatExceptionOfType(Exception.class).isThrownBy(connecting::join)
				.withCauseInstanceOf(TimeoutException.class);
		}
		assertThat(this.listener.events).isEmpty();
	}

	@Test
	void refusedConnectionFailsWithoutCallingTheListener() throws Exception {
		int closedPort;
		try (ServerSocket released = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = released.getLocalPort();
		}
		CompletableFuture<TransportConnection> connecting = this.transport
			.connect(URI.create("ws://127.0.0.1:" + closedPort + "/deepstream"), CONNECT_TIMEOUT, this.listener);
		await().atMost(CONNECT_TIMEOUT).until(connecting::isDone);
		assertThat(connecting).isCompletedExceptionally();
		assertThat(this.listener.events).isEmpty();
	}

	private static DeepstreamRpcClient connected(SpringWebSocketTransport transport) {
		DeepstreamRpcClient client = DeepstreamRpcClient.builder(deepstream.url())
			.authData(Map.of())
			.transport(transport)
			.build();
		client.connect().join();
		return client;
	}

}
