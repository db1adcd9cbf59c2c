package dev.deepstreamrpc.test;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.deepstreamrpc.test.ChaosProxy.Direction;

/**
 * What passed through a {@link ChaosProxy}, so that a test can prove that a fault was
 * really applied, or that nothing was written at all.
 * <p>
 * Thread-safe: adders and atomics, incremented by the pipe and acceptor threads.
 */
final class TrafficCounters {

	private final LongAdder[] received = { new LongAdder(), new LongAdder() };

	private final LongAdder[] forwarded = { new LongAdder(), new LongAdder() };

	private final LongAdder[] dropped = { new LongAdder(), new LongAdder() };

	private final LongAdder[] corrupted = { new LongAdder(), new LongAdder() };

	private final AtomicLong accepted = new AtomicLong();

	private final AtomicLong refused = new AtomicLong();

	void received(Direction direction, int bytes) {
		this.received[direction.ordinal()].add(bytes);
	}

	void forwarded(Direction direction, int bytes) {
		this.forwarded[direction.ordinal()].add(bytes);
	}

	void dropped(Direction direction, int bytes) {
		this.dropped[direction.ordinal()].add(bytes);
	}

	void countCorrupted(Direction direction) {
		this.corrupted[direction.ordinal()].increment();
	}

	void countAccepted() {
		this.accepted.incrementAndGet();
	}

	void countRefused() {
		this.refused.incrementAndGet();
	}

	long received(Direction direction) {
		return this.received[direction.ordinal()].sum();
	}

	long forwarded(Direction direction) {
		return this.forwarded[direction.ordinal()].sum();
	}

	long dropped(Direction direction) {
		return this.dropped[direction.ordinal()].sum();
	}

	long corrupted(Direction direction) {
		return this.corrupted[direction.ordinal()].sum();
	}

	long accepted() {
		return this.accepted.get();
	}

	long refused() {
		return this.refused.get();
	}

}
