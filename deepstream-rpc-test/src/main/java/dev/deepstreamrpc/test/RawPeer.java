package dev.deepstreamrpc.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.deepstreamrpc.wire.AuthAction;
import dev.deepstreamrpc.wire.ConnectionAction;
import dev.deepstreamrpc.wire.FrameCodec;
import dev.deepstreamrpc.wire.InboundMessageHandler;
import dev.deepstreamrpc.wire.MalformedFrameException;
import dev.deepstreamrpc.wire.proto.AuthMessage;
import dev.deepstreamrpc.wire.proto.ConnectionMessage;
import dev.deepstreamrpc.wire.proto.ParserMessage;
import dev.deepstreamrpc.wire.proto.RpcMessage;
import org.jspecify.annotations.Nullable;

/**
 * A deliberately dumb deepstream peer for tests: it sends exactly the frames it is given,
 * including ones no well-behaved client produces (request data that is not JSON, unknown
 * actions, oversize frames, text frames, forged, duplicate and late responses), and
 * records every message it receives.
 * <p>
 * Received messages are queued in order as decoded protobuf messages; a frame that does
 * not decode is queued as its {@link MalformedFrameException}, another topic as its
 * number. PONGs are counted, never queued. Sends are serialized, so a peer can be shared
 * between threads. Failures to receive what was expected are reported as
 * {@link AssertionError}s, so the peer fits any assertion library.
 */
public final class RawPeer implements AutoCloseable {

	/** How long the {@code next} methods wait unless told otherwise. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	/** The close code reported when the connection ended without a close frame. */
	public static final int ABORTED = -1;

	private final WebSocket webSocket;

	private final Listener listener;

	private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "raw-peer-pinger");
		thread.setDaemon(true);
		return thread;
	});

	private RawPeer(WebSocket webSocket, Listener listener) {
		this.webSocket = webSocket;
		this.listener = listener;
	}

	/**
	 * Opens the WebSocket and nothing else: no handshake, no login, no pings.
	 * @param uri the server
	 * @return the connected peer
	 * @throws Exception if the WebSocket cannot be opened within the default timeout
	 */
	public static RawPeer connect(URI uri) throws Exception {
		Listener listener = new Listener();
		WebSocket socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(uri, listener)
			.get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		return new RawPeer(socket, listener);
	}

	/**
	 * Connects, completes the handshake and logs in, then pings every 250 ms so that the
	 * server keeps the peer however long a test runs.
	 * @param uri the server
	 * @param authJson the login data, a JSON object
	 * @return the logged-in peer
	 * @throws Exception if connecting fails
	 * @throws AssertionError if the server refuses the login
	 */
	public static RawPeer loggedIn(URI uri, String authJson) throws Exception {
		RawPeer peer = connect(uri);
		peer.challenge();
		AuthMessage result = peer.login(authJson);
		if (result.getAction() != AuthAction.AUTH_SUCCESSFUL) {
			peer.close();
			throw new AssertionError("Login refused: " + result);
		}
		peer.pingEvery(Duration.ofMillis(250));
		return peer;
	}

	/**
	 * Sends CHALLENGE and expects ACCEPT as the next message.
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void challenge() throws InterruptedException {
		send(FrameCodec.encode(ConnectionMessage.newBuilder().setAction(ConnectionAction.CHALLENGE).build()));
		ConnectionMessage answer = next(ConnectionMessage.class);
		if (answer.getAction() != ConnectionAction.ACCEPT) {
			throw new AssertionError("Expected ACCEPT but got " + answer);
		}
	}

	/**
	 * Sends an AUTH REQUEST and returns the server's answer, whatever it is.
	 * @param authJson the login data
	 * @return the answer
	 * @throws InterruptedException if interrupted while waiting
	 */
	public AuthMessage login(String authJson) throws InterruptedException {
		send(FrameCodec.encode(AuthMessage.newBuilder().setAction(AuthAction.REQUEST).setData(authJson).build()));
		return next(AuthMessage.class);
	}

	/**
	 * Sends a PING at a fixed rate from now on.
	 * @param interval the interval
	 */
	public void pingEvery(Duration interval) {
		this.pinger.scheduleAtFixedRate(this::ping, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Sends one PING.
	 */
	public void ping() {
		send(FrameCodec.encode(ConnectionMessage.newBuilder().setAction(ConnectionAction.PING).build()));
	}

	/**
	 * Sends an RPC message exactly as built.
	 * @param message the message
	 */
	public void send(RpcMessage message) {
		send(FrameCodec.encode(message));
	}

	/**
	 * Sends raw bytes as one binary frame, unless the connection already ended.
	 * @param frame the bytes
	 */
	public synchronized void send(byte[] frame) {
		if (isOpen()) {
			this.webSocket.sendBinary(ByteBuffer.wrap(frame), true).join();
		}
	}

	/**
	 * Sends a frame the server may refuse, and close the connection over, before it was
	 * sent completely.
	 * @param frame the bytes
	 */
	public synchronized void sendRefusable(byte[] frame) {
		this.webSocket.sendBinary(ByteBuffer.wrap(frame), true).exceptionally((ex) -> null).join();
	}

	/**
	 * Sends a text frame, which the v7 protocol does not use.
	 * @param text the text
	 */
	public synchronized void sendText(String text) {
		this.webSocket.sendText(text, true).join();
	}

	/**
	 * Returns the next message, which must be an RPC message.
	 * @return the message
	 * @throws InterruptedException if interrupted while waiting
	 */
	public RpcMessage nextRpc() throws InterruptedException {
		return next(RpcMessage.class);
	}

	/**
	 * Returns the next message, which must be of the given type and arrive within the
	 * default timeout.
	 * @param <T> the message type
	 * @param type the expected type
	 * @return the message
	 * @throws InterruptedException if interrupted while waiting
	 * @throws AssertionError if nothing arrives in time or another kind of message comes
	 * first
	 */
	public <T> T next(Class<T> type) throws InterruptedException {
		Object next = poll(DEFAULT_TIMEOUT);
		if (!type.isInstance(next)) {
			throw new AssertionError("Expected a " + type.getSimpleName() + " as the next message but got " + next);
		}
		return type.cast(next);
	}

	/**
	 * Returns the first message of the given type, discarding any other kind that comes
	 * before it.
	 * @param <T> the message type
	 * @param type the type
	 * @param timeout how long to wait in all
	 * @return the message
	 * @throws InterruptedException if interrupted while waiting
	 * @throws AssertionError if none arrives in time
	 */
	public <T> T skipTo(Class<T> type, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Object next = this.listener.queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			if (next == null) {
				throw new AssertionError("No " + type.getSimpleName() + " within " + timeout);
			}
			if (type.isInstance(next)) {
				return type.cast(next);
			}
		}
	}

	/**
	 * Returns the next message if one arrives within the window.
	 * @param window how long to wait
	 * @return the message, or {@code null}
	 * @throws InterruptedException if interrupted while waiting
	 */
	public @Nullable Object poll(Duration window) throws InterruptedException {
		return this.listener.queue.poll(window.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Puts a message polled too early back at the head of the queue.
	 * @param message the message
	 */
	public void pushBack(Object message) {
		this.listener.queue.addFirst(message);
	}

	/**
	 * Waits for the connection to end.
	 * @return the close code, or {@link #ABORTED} if it ended without a close frame
	 * @throws InterruptedException if interrupted while waiting
	 * @throws AssertionError if it does not end within the default timeout
	 */
	public int awaitClose() throws InterruptedException {
		try {
			return this.listener.closed.get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			throw new AssertionError("The connection did not end within " + DEFAULT_TIMEOUT, ex);
		}
	}

	/**
	 * Returns how many PONGs arrived.
	 * @return the count
	 */
	public int pongs() {
		return this.listener.pongs.get();
	}

	/**
	 * Returns whether the connection is still open.
	 * @return {@code true} until the server closed or the connection failed
	 */
	public boolean isOpen() {
		return !this.listener.closed.isDone();
	}

	/**
	 * Stops pinging and aborts the connection without a close handshake.
	 */
	@Override
	public void close() {
		this.pinger.shutdownNow();
		this.webSocket.abort();
	}

	/**
	 * Decodes and queues what the server sends, counting pongs instead of queueing them.
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
