package dev.deepstreamrpc.client.transport;

import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * One JDK WebSocket. The JDK allows one outstanding binary send at a time, so messages go
 * through a bounded queue drained by whichever thread finds it idle; fragments of an
 * inbound message are gathered until the last one arrives.
 * <p>
 * Thread-safe. {@code sendQueue}, {@code sending} and {@code closed} are touched by any
 * sending thread and by the JDK's completion threads; {@code fragments} only by the JDK's
 * listener thread, which never runs concurrently with itself.
 */
final class JdkWebSocketConnection implements TransportConnection {

	private final TransportListener listener;

	private final SendQueue sendQueue;

	private final AtomicBoolean sending = new AtomicBoolean();

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile @Nullable WebSocket webSocket;

	private @Nullable ByteBuffer fragments;

	JdkWebSocketConnection(TransportListener listener, int maxQueuedBytes) {
		this.listener = listener;
		this.sendQueue = new SendQueue(maxQueuedBytes);
	}

	WebSocket.Listener listener() {
		return new Listener();
	}

	TransportConnection opened(WebSocket webSocket) {
		this.webSocket = webSocket;
		webSocket.request(1);
		return this;
	}

	@Override
	public boolean send(byte[] message) {
		if (this.closed.get() || !this.sendQueue.offer(message)) {
			return false;
		}
		drain();
		return true;
	}

	private void drain() {
		WebSocket socket = this.webSocket;
		while (socket != null && this.sending.compareAndSet(false, true)) {
			byte[] next = this.sendQueue.poll();
			if (next == null) {
				this.sending.set(false);
				if (this.sendQueue.isEmpty()) {
					return;
				}
				continue;
			}
			CompletableFuture<WebSocket> sent = socket.sendBinary(ByteBuffer.wrap(next), true);
			if (!sent.isDone()) {
				sent.whenComplete((ws, ex) -> sent(next, ex, true));
				return;
			}
			sent(next, sent.isCompletedExceptionally() ? failure(sent) : null, false);
		}
	}

	private void sent(byte[] message, @Nullable Throwable failure, boolean drainNext) {
		this.sendQueue.release(message);
		if (failure != null) {
			closed(failure);
			return;
		}
		this.sending.set(false);
		if (drainNext) {
			drain();
		}
	}

	private static Throwable failure(CompletableFuture<?> future) {
		return future.handle((result, ex) -> ex).join();
	}

	@Override
	public void abort() {
		WebSocket socket = this.webSocket;
		if (socket != null) {
			socket.abort();
		}
		closed(new IOException("WebSocket aborted"));
	}

	@Override
	public void close() {
		WebSocket socket = this.webSocket;
		if (socket == null || this.closed.get()) {
			return;
		}
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "").whenComplete((ws, ex) -> abort());
	}

	private void closed(@Nullable Throwable cause) {
		if (this.closed.compareAndSet(false, true)) {
			this.sendQueue.clear();
			this.listener.onClosed(cause);
		}
	}

	private void received(ByteBuffer data, boolean last) {
		if (last && this.fragments == null) {
			this.listener.onMessage(data);
			return;
		}
		ByteBuffer gathered = append(this.fragments, data);
		if (last) {
			this.fragments = null;
			this.listener.onMessage(gathered.flip());
		}
		else {
			this.fragments = gathered;
		}
	}

	private static ByteBuffer append(@Nullable ByteBuffer gathered, ByteBuffer data) {
		if (gathered == null) {
			return ByteBuffer.allocate(Math.max(data.remaining() * 2, 8192)).put(data);
		}
		if (gathered.remaining() < data.remaining()) {
			int capacity = Math.max(gathered.capacity() * 2, gathered.position() + data.remaining());
			gathered = ByteBuffer.allocate(capacity).put(gathered.flip());
		}
		return gathered.put(data);
	}

	private final class Listener implements WebSocket.Listener {

		@Override
		public void onOpen(WebSocket webSocket) {
		}

		@Override
		public @Nullable CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			if (!JdkWebSocketConnection.this.closed.get()) {
				received(data, last);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			JdkWebSocketConnection.this.listener.onTextMessage(data);
			webSocket.request(1);
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			closed(new IOException("WebSocket closed by the server with status " + statusCode));
			webSocket.abort();
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			closed(error);
		}

	}

}
