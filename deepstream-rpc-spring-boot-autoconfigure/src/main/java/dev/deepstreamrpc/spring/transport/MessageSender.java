package dev.deepstreamrpc.spring.transport;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * Sends one session's messages from a thread of its own, because Spring's
 * {@link WebSocketSession#sendMessage} blocks and must not be called concurrently, while
 * a caller of {@code send} must never wait. Spring's
 * {@code ConcurrentWebSocketSessionDecorator} does not fit: it sends on the caller's
 * thread, and on overflow it drops older messages or closes the session instead of
 * refusing the new one.
 * <p>
 * Thread-safe. The executor's queue is bounded by {@code queuedBytes}, which callers of
 * {@link #send} raise and the sending thread lowers; a message beyond the bound is
 * refused. The session is used only by the sending thread, which lives until
 * {@link #stop()} and is created on the first message.
 */
final class MessageSender {

	private final WebSocketSession session;

	private final int maxQueuedBytes;

	private final Consumer<Throwable> onFailure;

	private final AtomicInteger queuedBytes = new AtomicInteger();

	private final ExecutorService thread;

	MessageSender(WebSocketSession session, int maxQueuedBytes, Consumer<Throwable> onFailure) {
		this.session = session;
		this.maxQueuedBytes = maxQueuedBytes;
		this.onFailure = onFailure;
		this.thread = Executors.newSingleThreadExecutor((task) -> {
			Thread sender = new Thread(task, "deepstream-rpc-spring-sender-" + session.getId());
			sender.setDaemon(true);
			return sender;
		});
	}

	boolean send(byte[] message) {
		if (this.queuedBytes.addAndGet(message.length) > this.maxQueuedBytes) {
			this.queuedBytes.addAndGet(-message.length);
			return false;
		}
		try {
			this.thread.execute(() -> write(message));
			return true;
		}
		catch (RejectedExecutionException ex) {
			this.queuedBytes.addAndGet(-message.length);
			return false;
		}
	}

	/**
	 * Starts a normal closing handshake once the messages queued before it have left.
	 */
	void close() {
		try {
			this.thread.execute(this::closeSession);
		}
		catch (RejectedExecutionException ex) {
			// Already stopped: the session has ended anyway.
		}
	}

	/**
	 * Drops the queued messages and lets the sending thread end.
	 */
	void stop() {
		this.thread.shutdownNow();
	}

	private void write(byte[] message) {
		try {
			this.session.sendMessage(new BinaryMessage(message));
		}
		catch (IOException | RuntimeException ex) {
			this.onFailure.accept(ex);
		}
		finally {
			this.queuedBytes.addAndGet(-message.length);
		}
	}

	private void closeSession() {
		try {
			this.session.close(CloseStatus.NORMAL);
		}
		catch (IOException | RuntimeException ex) {
			this.onFailure.accept(ex);
		}
	}

}
