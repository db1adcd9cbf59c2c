package dev.deepstreamrpc.benchmarks.cluster;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a fixed number of calls outstanding on each caller, every completed call starting
 * the next, and counts the calls completed within a measured window.
 * <p>
 * Thread-safe: completions arrive on the clients' I/O threads; the counters are atomic
 * and {@code running} is written by the thread that calls {@link #measure}.
 */
final class Saturation {

	static final String DATA = "0123456789abcdef";

	private final List<DeepstreamRpcClient> callers;

	private final String rpc;

	private final int inFlightPerCaller;

	private final AtomicLong succeeded = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong outstanding = new AtomicLong();

	private volatile boolean running;

	Saturation(List<DeepstreamRpcClient> callers, String rpc, int inFlightPerCaller) {
		this.callers = callers;
		this.rpc = rpc;
		this.inFlightPerCaller = inFlightPerCaller;
	}

	/**
	 * Starts the load, lets it warm up, then measures.
	 * @param warmupMillis how long to run before measuring
	 * @param measureMillis how long to measure
	 * @return the result of the measured window
	 * @throws InterruptedException if interrupted while waiting
	 */
	Result measure(long warmupMillis, long measureMillis) throws InterruptedException {
		this.running = true;
		for (DeepstreamRpcClient caller : this.callers) {
			for (int i = 0; i < this.inFlightPerCaller; i++) {
				next(caller);
			}
		}
		TimeUnit.MILLISECONDS.sleep(warmupMillis);
		long succeededBefore = this.succeeded.get();
		long failedBefore = this.failed.get();
		long start = System.nanoTime();
		TimeUnit.MILLISECONDS.sleep(measureMillis);
		long succeededAfter = this.succeeded.get();
		long failedAfter = this.failed.get();
		long elapsed = System.nanoTime() - start;
		this.running = false;
		long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
		while (this.outstanding.get() > 0 && System.nanoTime() < drainDeadline) {
			TimeUnit.MILLISECONDS.sleep(10);
		}
		return new Result((succeededAfter - succeededBefore) * 1e9 / elapsed, failedAfter - failedBefore);
	}

	private void next(DeepstreamRpcClient caller) {
		this.outstanding.incrementAndGet();
		CompletableFuture<@Nullable String> call;
		try {
			call = caller.make(this.rpc, DATA).thenApply((payload) -> payload.as(String.class));
		}
		catch (RuntimeException ex) {
			call = CompletableFuture.failedFuture(ex);
		}
		call.whenComplete((result, failure) -> {
			if (failure == null && DATA.equals(result)) {
				this.succeeded.incrementAndGet();
			}
			else if (this.failed.incrementAndGet() <= 3) {
				System.err.println("call failed: " + ((failure != null) ? failure : result));
			}
			this.outstanding.decrementAndGet();
			if (this.running) {
				next(caller);
			}
		});
	}

	/**
	 * The outcome of one measured window.
	 *
	 * @param callsPerSecond successful calls per second
	 * @param errors failed calls in the window
	 */
	record Result(double callsPerSecond, long errors) {
	}

}
