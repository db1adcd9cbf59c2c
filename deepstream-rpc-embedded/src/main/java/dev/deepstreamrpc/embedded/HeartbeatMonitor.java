package dev.deepstreamrpc.embedded;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;
import org.jspecify.annotations.Nullable;

/**
 * Notices a client that went silent the way the real server does: every heartbeat
 * interval it checks whether anything arrived in the last two intervals, so silence is
 * tolerated for two to three intervals. WebSocket control frames do not count.
 * <p>
 * Confined to the connection's event loop.
 */
final class HeartbeatMonitor {

	private final long intervalNanos;

	/** When the last WebSocket message arrived. */
	private long lastReceivedNanos = System.nanoTime();

	/** The periodic check; {@code null} until started. */
	private @Nullable ScheduledFuture<?> check;

	HeartbeatMonitor(Duration interval) {
		this.intervalNanos = interval.toNanos();
	}

	/**
	 * Starts checking.
	 * @param eventLoop the connection's event loop
	 * @param onSilence what to do when the client went silent
	 */
	void start(EventLoop eventLoop, Runnable onSilence) {
		this.lastReceivedNanos = System.nanoTime();
		this.check = eventLoop.scheduleAtFixedRate(() -> {
			if (System.nanoTime() - this.lastReceivedNanos > 2 * this.intervalNanos) {
				onSilence.run();
			}
		}, this.intervalNanos, this.intervalNanos, TimeUnit.NANOSECONDS);
	}

	void received() {
		this.lastReceivedNanos = System.nanoTime();
	}

	void stop() {
		if (this.check != null) {
			this.check.cancel(false);
		}
	}

}
