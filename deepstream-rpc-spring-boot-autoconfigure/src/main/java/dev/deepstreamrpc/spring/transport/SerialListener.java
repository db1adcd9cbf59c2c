package dev.deepstreamrpc.spring.transport;

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.deepstreamrpc.client.transport.TransportListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a {@link TransportListener} one event at a time, and only once its connection has
 * been handed over, whichever thread the event comes from: an abort on one thread must
 * never overlap a message on another, and no lock is held while the listener runs, so
 * that the listener may call back into the connection.
 * <p>
 * Thread-safe. Any thread adds to {@code events}; whichever thread finds no delivery
 * under way delivers them, and only that thread touches {@code finished}. Before
 * {@link #release()} the queue holds what arrives between the handshake and the handover,
 * a few messages at most; after the close event nothing more is delivered.
 */
final class SerialListener {

	private static final Logger logger = LoggerFactory.getLogger(SerialListener.class);

	private final TransportListener listener;

	private final Queue<Event> events = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean delivering = new AtomicBoolean();

	private volatile boolean released;

	private boolean finished;

	SerialListener(TransportListener listener) {
		this.listener = listener;
	}

	void message(ByteBuffer message) {
		offer(new Event((target) -> target.onMessage(message), false));
	}

	void text(CharSequence message) {
		offer(new Event((target) -> target.onTextMessage(message), false));
	}

	void closed(@Nullable Throwable cause) {
		offer(new Event((target) -> target.onClosed(cause), true));
	}

	void release() {
		this.released = true;
		deliver();
	}

	private void offer(Event event) {
		this.events.add(event);
		deliver();
	}

	private void deliver() {
		while (this.released && this.delivering.compareAndSet(false, true)) {
			Event next;
			while ((next = this.events.poll()) != null) {
				deliver(next);
			}
			this.delivering.set(false);
			if (this.events.isEmpty()) {
				return;
			}
		}
	}

	private void deliver(Event event) {
		if (this.finished) {
			return;
		}
		this.finished = event.last();
		try {
			event.call().accept(this.listener);
		}
		catch (RuntimeException ex) {
			logger.warn("Transport listener failed", ex);
		}
	}

	private record Event(Consumer<TransportListener> call, boolean last) {
	}

}
