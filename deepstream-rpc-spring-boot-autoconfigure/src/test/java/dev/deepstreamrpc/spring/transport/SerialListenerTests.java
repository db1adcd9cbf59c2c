package dev.deepstreamrpc.spring.transport;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listener contract: nothing before the handover, one call at a time, nothing after
 * the close.
 */
class SerialListenerTests {

	private final RecordingListener recording = new RecordingListener();

	private final SerialListener listener = new SerialListener(this.recording);

	@Test
	void eventsWaitForTheHandover() {
		this.listener.message(ByteBuffer.allocate(3));
		this.listener.text("hello");
		assertThat(this.recording.events).isEmpty();
		this.listener.release();
		assertThat(this.recording.events).containsExactly("message 3", "text hello");
	}

	@Test
	void nothingIsDeliveredAfterTheClose() {
		this.listener.release();
		this.listener.closed(new IOException("gone"));
		this.listener.closed(null);
		this.listener.message(ByteBuffer.allocate(1));
		assertThat(this.recording.events).containsExactly("closed gone");
	}

	@Test
	void eventRaisedByTheListenerWaitsUntilItReturns() {
		RecordingListener inner = new RecordingListener();
		SerialListener[] self = new SerialListener[1];
		self[0] = new SerialListener(new RecordingListener() {

			@Override
			public void onMessage(ByteBuffer message) {
				self[0].closed(null);
				inner.onMessage(message);
			}

			@Override
			public void onClosed(@Nullable Throwable cause) {
				inner.onClosed(cause);
			}

		});
		self[0].release();
		self[0].message(ByteBuffer.allocate(2));
		assertThat(inner.events).containsExactly("message 2", "closed null");
	}

}
