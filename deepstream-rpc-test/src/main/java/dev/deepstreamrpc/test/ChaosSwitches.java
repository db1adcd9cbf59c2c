package dev.deepstreamrpc.test;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

import dev.deepstreamrpc.test.ChaosProxy.Direction;

/**
 * The current faults of a {@link ChaosProxy}, read live by every pipe on every chunk so
 * that a change applies to bytes already queued as well as to new ones.
 * <p>
 * Thread-safe: every switch is an atomic or volatile field, written by the test's thread
 * and read by the proxy's pipe threads.
 */
final class ChaosSwitches {

	private final AtomicLongArray latencyNanos = new AtomicLongArray(2);

	private final AtomicLongArray jitterNanos = new AtomicLongArray(2);

	private final AtomicIntegerArray blackholed = new AtomicIntegerArray(2);

	private final AtomicIntegerArray pendingCorruptions = new AtomicIntegerArray(2);

	private volatile int sliceSize;

	private volatile long sliceDelayNanos;

	private volatile boolean refuseNew;

	void latency(Direction direction, Duration latency, Duration jitter) {
		this.jitterNanos.set(direction.ordinal(), jitter.toNanos());
		this.latencyNanos.set(direction.ordinal(), latency.toNanos());
	}

	void blackhole(Direction direction, boolean on) {
		this.blackholed.set(direction.ordinal(), on ? 1 : 0);
	}

	void corruptNextFrame(Direction direction) {
		this.pendingCorruptions.incrementAndGet(direction.ordinal());
	}

	/**
	 * Claims one pending corruption, so that exactly one frame gets it even when several
	 * connections race for it.
	 * @param direction the direction of the frame
	 * @return whether the frame is to be corrupted
	 */
	boolean claimCorruption(Direction direction) {
		return this.pendingCorruptions.getAndUpdate(direction.ordinal(), (pending) -> Math.max(0, pending - 1)) > 0;
	}

	void slice(int size, Duration delay) {
		this.sliceDelayNanos = delay.toNanos();
		this.sliceSize = size;
	}

	void refuseNew(boolean refuse) {
		this.refuseNew = refuse;
	}

	void heal() {
		for (Direction direction : Direction.values()) {
			latency(direction, Duration.ZERO, Duration.ZERO);
			blackhole(direction, false);
			this.pendingCorruptions.set(direction.ordinal(), 0);
		}
		slice(0, Duration.ZERO);
		refuseNew(false);
	}

	/**
	 * When a chunk that arrived at {@code arrivalNanos} is due, with the latency set now
	 * and its own jitter draw.
	 * @param direction the chunk's direction
	 * @param arrivalNanos when the chunk was read
	 * @param jitterDraw the chunk's draw in {@code [-1, 1]}
	 * @return the {@link System#nanoTime()} at which it may be written
	 */
	long dueNanos(Direction direction, long arrivalNanos, double jitterDraw) {
		long latency = this.latencyNanos.get(direction.ordinal());
		long jitter = this.jitterNanos.get(direction.ordinal());
		return arrivalNanos + Math.max(0, latency + (long) (jitterDraw * jitter));
	}

	static double jitterDraw() {
		return ThreadLocalRandom.current().nextDouble(-1, 1);
	}

	boolean blackholed(Direction direction) {
		return this.blackholed.get(direction.ordinal()) != 0;
	}

	int sliceSize() {
		return this.sliceSize;
	}

	long sliceDelayNanos() {
		return this.sliceDelayNanos;
	}

	boolean refusesNew() {
		return this.refuseNew;
	}

}
