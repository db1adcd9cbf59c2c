package dev.deepstreamrpc.spring.transport;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.deepstreamrpc.client.transport.TransportListener;
import org.jspecify.annotations.Nullable;

/**
 * Records what a connection hands its listener, and whether any two calls overlapped.
 */
class RecordingListener implements TransportListener {

	final List<String> events = new CopyOnWriteArrayList<>();

	final AtomicInteger overlaps = new AtomicInteger();

	private final AtomicInteger running = new AtomicInteger();

	@Override
	public void onMessage(ByteBuffer message) {
		record("message " + message.remaining());
	}

	@Override
	public void onTextMessage(CharSequence message) {
		record("text " + message);
	}

	@Override
	public void onClosed(@Nullable Throwable cause) {
		record("closed " + ((cause != null) ? cause.getMessage() : null));
	}

	private void record(String event) {
		if (this.running.incrementAndGet() > 1) {
			this.overlaps.incrementAndGet();
		}
		this.events.add(event);
		this.running.decrementAndGet();
	}

}
