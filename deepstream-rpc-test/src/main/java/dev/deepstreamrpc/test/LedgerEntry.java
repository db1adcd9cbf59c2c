package dev.deepstreamrpc.test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * One call issued into a {@link CallLedger}, which keeps the first outcome and counts
 * every further one so that a double completion is seen instead of overwritten.
 * <p>
 * Thread-safe: {@code completion} is set once by compare-and-set by whichever thread
 * reports the first outcome; {@code completions} is incremented by every reporter.
 */
final class LedgerEntry {

	private final String id;

	private final long issuedNanos;

	private final Duration deadline;

	private final AtomicReference<@Nullable Completion> completion = new AtomicReference<>();

	private final AtomicInteger completions = new AtomicInteger();

	LedgerEntry(String id, long issuedNanos, Duration deadline) {
		this.id = id;
		this.issuedNanos = issuedNanos;
		this.deadline = deadline;
	}

	String id() {
		return this.id;
	}

	boolean isPending() {
		return this.completion.get() == null;
	}

	void complete(long nanos, @Nullable Object result, @Nullable Throwable failure) {
		this.completions.incrementAndGet();
		this.completion.compareAndSet(null, new Completion(nanos, result, failure));
	}

	CallRecord toRecord(long origin, int executions) {
		Completion done = this.completion.get();
		return new CallRecord(this.id, Duration.ofNanos(this.issuedNanos - origin), this.deadline,
				(done != null) ? Duration.ofNanos(done.nanos() - origin) : null, (done != null) ? done.result() : null,
				(done != null) ? done.failure() : null, this.completions.get(), executions);
	}

	private record Completion(long nanos, @Nullable Object result, @Nullable Throwable failure) {
	}

}
