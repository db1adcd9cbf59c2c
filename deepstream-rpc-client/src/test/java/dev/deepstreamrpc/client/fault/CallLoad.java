package dev.deepstreamrpc.client.fault;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.test.CallLedger;
import org.jspecify.annotations.Nullable;

import static org.awaitility.Awaitility.await;

/**
 * Steady load at a fixed rate, bounded in both count and time so that it always stops by
 * itself, with every call tracked in a {@link CallLedger}. Each call sends its own id as
 * data to an echoing RPC, so the expected result of a call is its id.
 * <p>
 * Thread-safe. Calls are issued on one daemon thread of its own, which {@link #close()}
 * stops; {@code ticks} is written once, possibly after the first tick ran, and
 * {@code finished} by that thread or the closing one.
 */
final class CallLoad implements AutoCloseable {

	private final CallLedger ledger;

	private final DeepstreamRpcClient client;

	private final String rpc;

	private final String idPrefix;

	private final int maxCalls;

	private final long endNanos;

	private final AtomicInteger issued = new AtomicInteger();

	private final ScheduledExecutorService thread;

	private volatile @Nullable ScheduledFuture<?> ticks;

	private volatile boolean finished;

	private CallLoad(CallLedger ledger, DeepstreamRpcClient client, String rpc, String idPrefix, int callsPerSecond,
			int maxCalls, Duration maxDuration) {
		this.ledger = ledger;
		this.client = client;
		this.rpc = rpc;
		this.idPrefix = idPrefix;
		this.maxCalls = maxCalls;
		this.endNanos = System.nanoTime() + maxDuration.toNanos();
		this.thread = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread daemon = new Thread(runnable, "call-load-" + idPrefix);
			daemon.setDaemon(true);
			return daemon;
		});
		this.ticks = this.thread.scheduleAtFixedRate(this::tick, 0, TimeUnit.SECONDS.toNanos(1) / callsPerSecond,
				TimeUnit.NANOSECONDS);
	}

	/**
	 * Starts issuing calls at once.
	 * @param ledger records every call
	 * @param client makes the calls
	 * @param rpc the echoing RPC to call
	 * @param idPrefix the prefix of the call ids, unique within the ledger
	 * @param callsPerSecond the rate
	 * @param maxCalls stop after this many calls
	 * @param maxDuration stop after this long
	 * @return the running load
	 */
	static CallLoad start(CallLedger ledger, DeepstreamRpcClient client, String rpc, String idPrefix,
			int callsPerSecond, int maxCalls, Duration maxDuration) {
		return new CallLoad(ledger, client, rpc, idPrefix, callsPerSecond, maxCalls, maxDuration);
	}

	private void tick() {
		if (this.finished) {
			return;
		}
		if (this.issued.get() >= this.maxCalls || System.nanoTime() - this.endNanos >= 0) {
			this.finished = true;
			cancel();
			return;
		}
		String callId = this.idPrefix + "-" + this.issued.incrementAndGet();
		this.ledger.track(callId, FaultProfile.DEADLINE,
				() -> this.client.make(this.rpc, callId, FaultProfile.DEADLINE).thenApply(FaultProfile::text));
	}

	/**
	 * Waits until the load has stopped by itself.
	 * @param timeout how long to wait at most
	 */
	void awaitFinished(Duration timeout) {
		await().atMost(timeout).until(() -> this.finished);
	}

	int issued() {
		return this.issued.get();
	}

	private void cancel() {
		ScheduledFuture<?> scheduled = this.ticks;
		if (scheduled != null) {
			scheduled.cancel(false);
		}
	}

	@Override
	public void close() {
		this.finished = true;
		cancel();
		this.thread.shutdownNow();
	}

}
