package dev.deepstreamrpc.spring.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.deepstreamrpc.client.transport.TransportConnection;
import dev.deepstreamrpc.client.transport.TransportListener;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One WebSocket opened through Spring's {@code WebSocketClient}. The connect future is
 * completed from the handshake callback, so that a session the caller has given up on
 * (timed out or failed) is terminated as soon as it appears instead of leaking.
 * <p>
 * Thread-safe. {@code session} and {@code sender} are written once by the thread that
 * completes the handshake and read by any thread; {@code closed} and
 * {@code closeRequested} by any thread; {@code assembler} only by the thread delivering
 * the session's messages, which Spring never runs concurrently for one session.
 */
final class SpringWebSocketConnection implements TransportConnection {

	private final CompletableFuture<TransportConnection> opened = new CompletableFuture<>();

	private final SerialListener listener;

	private final MessageAssembler assembler = new MessageAssembler();

	private final int maxInboundMessageSize;

	private final int maxQueuedBytes;

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile boolean closeRequested;

	private volatile @Nullable WebSocketSession session;

	private volatile @Nullable MessageSender sender;

	SpringWebSocketConnection(TransportListener listener, int maxInboundMessageSize, int maxQueuedBytes) {
		this.listener = new SerialListener(listener);
		this.maxInboundMessageSize = maxInboundMessageSize;
		this.maxQueuedBytes = maxQueuedBytes;
	}

	WebSocketHandler handler() {
		return new Handler();
	}

	CompletableFuture<TransportConnection> opened() {
		return this.opened;
	}

	void failed(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		if (this.opened.completeExceptionally(cause)) {
			discard();
		}
	}

	@Override
	public boolean send(byte[] message) {
		MessageSender current = this.sender;
		return current != null && !this.closed.get() && current.send(message);
	}

	@Override
	public void abort() {
		closed(new IOException("WebSocket aborted"));
		terminate();
	}

	@Override
	public void close() {
		MessageSender current = this.sender;
		if (current != null && !this.closed.get()) {
			this.closeRequested = true;
			current.close();
		}
	}

	private void established(WebSocketSession session) {
		WebSocketSessions.limitInboundMessages(session, this.maxInboundMessageSize);
		this.sender = new MessageSender(session, this.maxQueuedBytes, this::broken);
		this.session = session;
		if (this.opened.complete(this)) {
			this.listener.release();
		}
		else {
			discard();
		}
	}

	private void received(WebSocketMessage<?> message) {
		if (message instanceof BinaryMessage binary) {
			ByteBuffer whole = this.assembler.append(binary.getPayload(), binary.isLast());
			if (whole != null) {
				this.listener.message(whole);
			}
		}
		else if (message instanceof TextMessage text) {
			this.listener.text(text.getPayload());
		}
	}

	private void broken(Throwable cause) {
		closed(cause);
		terminate();
	}

	private void closed(@Nullable Throwable cause) {
		if (this.closed.compareAndSet(false, true)) {
			stopSending();
			this.listener.closed(cause);
		}
	}

	private void discard() {
		this.closed.set(true);
		stopSending();
		terminate();
	}

	private void stopSending() {
		MessageSender current = this.sender;
		if (current != null) {
			current.stop();
		}
	}

	private void terminate() {
		WebSocketSession current = this.session;
		if (current != null) {
			WebSocketSessions.terminate(current);
		}
	}

	private static String describe(CloseStatus status) {
		String reason = status.getReason();
		return "WebSocket closed with status " + status.getCode() + (StringUtils.hasText(reason) ? ": " + reason : "");
	}

	private final class Handler implements WebSocketHandler {

		@Override
		public void afterConnectionEstablished(WebSocketSession session) {
			established(session);
		}

		@Override
		public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
			if (!SpringWebSocketConnection.this.closed.get()) {
				received(message);
			}
		}

		@Override
		public void handleTransportError(WebSocketSession session, Throwable exception) {
			broken(exception);
		}

		@Override
		public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
			closed(SpringWebSocketConnection.this.closeRequested ? null : new IOException(describe(status)));
		}

		@Override
		public boolean supportsPartialMessages() {
			return false;
		}

	}

}
