package dev.deepstreamrpc.embedded;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.deepstreamrpc.client.wire.AuthAction;
import dev.deepstreamrpc.client.wire.ConnectionAction;
import dev.deepstreamrpc.client.wire.FrameCodec;
import dev.deepstreamrpc.client.wire.InboundMessageHandler;
import dev.deepstreamrpc.client.wire.MalformedFrameException;
import dev.deepstreamrpc.client.wire.proto.AuthMessage;
import dev.deepstreamrpc.client.wire.proto.ConnectionMessage;
import dev.deepstreamrpc.client.wire.proto.ParserMessage;
import dev.deepstreamrpc.client.wire.proto.RpcMessage;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deliberately dumb deepstream peer for tests: it sends exactly the frames it is given
 * and records every message it receives, so that tests can compare the wire behaviour of
 * the embedded and the real server. Thread-safe: sends are serialized, received messages
 * go through a blocking queue.
 */
final class RawPeer implements AutoCloseable {

	static final Duration TIMEOUT = Duration.ofSeconds(5);

	/** The close code recorded when the connection ended without a close frame. */
	static final int ABORTED = -1;

	private final WebSocket webSocket;

	private final BlockingDeque<Object> received;

	private final CompletableFuture<Integer> closed;

	private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor();

	private final Listener listener;

	private RawPeer(WebSocket webSocket, Listener listener) {
		this.webSocket = webSocket;
		this.listener = listener;
		this.received = listener.queue;
		this.closed = listener.closed;
	}

	static RawPeer connect(URI uri) throws Exception {
		Listener listener = new Listener();
		WebSocket socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(uri, listener)
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		return new RawPeer(socket, listener);
	}

	/**
	 * Connects, completes the handshake and logs in, failing the test if the login is
	 * refused.
	 * @param uri the server
	 * @param authJson the login data
	 * @return the logged-in peer, which pings every 250 ms and hides the pongs
	 * @throws Exception if connecting fails
	 */
	static RawPeer loggedIn(URI uri, String authJson) throws Exception {
		RawPeer peer = connect(uri);
		peer.challenge();
		assertThat(peer.login(authJson).getAction()).isEqualTo(AuthAction.AUTH_SUCCESSFUL);
		peer.pingEvery(Duration.ofMillis(250));
		return peer;
	}

	void challenge() throws InterruptedException {
		send(FrameCodec.encode(ConnectionMessage.newBuilder().setAction(ConnectionAction.CHALLENGE).build()));
		assertThat(next(ConnectionMessage.class).getAction()).isEqualTo(ConnectionAction.ACCEPT);
	}

	AuthMessage login(String authJson) throws InterruptedException {
		send(FrameCodec.encode(AuthMessage.newBuilder().setAction(AuthAction.REQUEST).setData(authJson).build()));
		return next(AuthMessage.class);
	}

	void pingEvery(Duration interval) {
		this.pinger.scheduleAtFixedRate(this::ping, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	void ping() {
		send(FrameCodec.encode(ConnectionMessage.newBuilder().setAction(ConnectionAction.PING).build()));
	}

	void send(RpcMessage message) {
		send(FrameCodec.encode(message));
	}

	synchronized void send(byte[] frame) {
		if (!this.closed.isDone()) {
			this.webSocket.sendBinary(ByteBuffer.wrap(frame), true).join();
		}
	}

	/**
	 * Sends a frame the server may refuse before it was sent completely.
	 * @param frame the frame
	 */
	synchronized void sendRefusable(byte[] frame) {
		this.webSocket.sendBinary(ByteBuffer.wrap(frame), true).exceptionally((ex) -> null).join();
	}

	synchronized void sendText(String text) {
		this.webSocket.sendText(text, true).join();
	}

	RpcMessage nextRpc() throws InterruptedException {
		return next(RpcMessage.class);
	}

	/**
	 * Returns the next message, failing the test if another kind of message comes first
	 * or nothing comes in time.
	 * @param <T> the message type
	 * @param type the expected type
	 * @return the message
	 * @throws InterruptedException if interrupted while waiting
	 */
	<T> T next(Class<T> type) throws InterruptedException {
		Object next = this.received.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(next).as("next message").isInstanceOf(type);
		return type.cast(next);
	}

	/**
	 * Returns the next message if one arrives within the window.
	 * @param window how long to wait
	 * @return the message, or {@code null}
	 * @throws InterruptedException if interrupted while waiting
	 */
	@Nullable Object poll(Duration window) throws InterruptedException {
		return this.received.poll(window.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Puts a message polled too early back at the head of the queue.
	 * @param message the message
	 */
	void pushBack(Object message) {
		this.received.addFirst(message);
	}

	/**
	 * Waits for the connection to end.
	 * @return the close code, or {@link #ABORTED} if it ended without a close frame
	 * @throws Exception if it does not end in time
	 */
	int awaitClose() throws Exception {
		return this.closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
	}

	int pongs() {
		return this.listener.pongs.get();
	}

	boolean isOpen() {
		return !this.closed.isDone();
	}

	@Override
	public void close() {
		this.pinger.shutdownNow();
		this.webSocket.abort();
	}

	/**
	 * Decodes and queues what the server sends, hiding pongs.
	 */
	private static final class Listener implements WebSocket.Listener, InboundMessageHandler {

		private final BlockingDeque<Object> queue = new LinkedBlockingDeque<>();

		private final CompletableFuture<Integer> closed = new CompletableFuture<>();

		private final AtomicInteger pongs = new AtomicInteger();

		@Override
		public @Nullable CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			try {
				FrameCodec.decode(data, this);
			}
			catch (MalformedFrameException ex) {
				this.queue.add(ex);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.closed.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.closed.complete(ABORTED);
		}

		@Override
		public void onConnection(ConnectionMessage message) {
			if (message.getAction() == ConnectionAction.PONG) {
				this.pongs.incrementAndGet();
			}
			else {
				this.queue.add(message);
			}
		}

		@Override
		public void onAuth(AuthMessage message) {
			this.queue.add(message);
		}

		@Override
		public void onRpc(RpcMessage message) {
			this.queue.add(message);
		}

		@Override
		public void onParser(ParserMessage message) {
			this.queue.add(message);
		}

		@Override
		public void onOtherTopic(int topic) {
			this.queue.add(topic);
		}

	}

}
