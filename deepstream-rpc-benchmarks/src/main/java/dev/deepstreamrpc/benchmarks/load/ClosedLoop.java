package dev.deepstreamrpc.benchmarks.load;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Keeps a fixed number of calls outstanding until a deadline, each finished call starting
 * the next from its completion, the way the JS load worker does, then lets them drain.
 * <p>
 * Thread-safe: completions may arrive on any thread. Latencies go into a preallocated
 * array; calls beyond its capacity are counted but not sampled.
 */
final class ClosedLoop {

	private static final int CAPACITY = 1 << 21;

	private final Function<String, CompletableFuture<@Nullable String>> call;

	private final String data;

	private final int inFlight;

	private final long[] latencies;

	private final AtomicInteger recorded = new AtomicInteger();

	private final AtomicLong calls = new AtomicLong();

	private final AtomicLong errors = new AtomicLong();

	private final AtomicInteger running = new AtomicInteger();

	private final AtomicLong lastCompletion = new AtomicLong();

	private final CompletableFuture<Void> drained = new CompletableFuture<>();

	private volatile long end;

	ClosedLoop(Function<String, CompletableFuture<@Nullable String>> call, String data, int inFlight, boolean record) {
		this.call = call;
		this.data = data;
		this.inFlight = inFlight;
		this.latencies = record ? new long[CAPACITY] : new long[0];
	}

	/**
	 * Runs the loop for the given time and waits until every call has finished.
	 * @param durationNanos how long to start new calls
	 * @return the outcome
	 */
	RunResult run(long durationNanos) {
		long start = System.nanoTime();
		this.end = start + durationNanos;
		this.running.set(this.inFlight);
		for (int i = 0; i < this.inFlight; i++) {
			next();
		}
		this.drained.join();
		long[] sample = Arrays.copyOf(this.latencies, Math.min(this.recorded.get(), this.latencies.length));
		return RunResult.of(this.calls.get(), this.errors.get(), this.lastCompletion.get() - start, sample);
	}

	private void next() {
		long begin = System.nanoTime();
		CompletableFuture<@Nullable String> result;
		try {
			result = this.call.apply(this.data);
		}
		catch (RuntimeException ex) {
			result = CompletableFuture.failedFuture(ex);
		}
		result.whenComplete((value, failure) -> completed(begin, value, failure));
	}

	private void completed(long begin, @Nullable String value, @Nullable Throwable failure) {
		long now = System.nanoTime();
		this.lastCompletion.accumulateAndGet(now, Math::max);
		if (failure != null || value == null || value.length() != this.data.length()) {
			if (this.errors.incrementAndGet() < 5) {
				System.err.println("call failed: " + ((failure != null) ? failure : value));
			}
			laneFinished();
			return;
		}
		this.calls.incrementAndGet();
		int slot = this.recorded.getAndIncrement();
		if (slot < this.latencies.length) {
			this.latencies[slot] = now - begin;
		}
		if (now < this.end) {
			next();
		}
		else {
			laneFinished();
		}
	}

	private void laneFinished() {
		if (this.running.decrementAndGet() == 0) {
			this.drained.complete(null);
		}
	}

}
