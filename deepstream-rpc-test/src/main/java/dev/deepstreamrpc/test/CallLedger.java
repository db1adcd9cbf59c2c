package dev.deepstreamrpc.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

import static org.awaitility.Awaitility.await;

/**
 * Records every call a fault test makes and every execution its providers report, so that
 * the test can prove afterwards that each call got exactly one outcome, on time, with its
 * own result, and ran at most once (the invariants L1 to L6 of the reliability notes).
 * <p>
 * Callers {@link #track track} each call under a unique id that travels in the request;
 * providers call {@link #executed(String)} with that id. Timestamps come from one
 * monotonic ticker and are reported as offsets from the ledger's creation, the same
 * timeline as {@link #now()}, so that a test can compare outcomes with the moments it
 * injected faults.
 * <p>
 * Thread-safe: any thread may issue, complete and execute. Each call's first outcome is
 * set once by compare-and-set and later outcomes are only counted. The ledger keeps every
 * call until it is discarded; it holds at most {@code maxCalls} (default 100,000) and
 * refuses more with {@link IllegalStateException}.
 */
public final class CallLedger {

	/**
	 * How late after its deadline an outcome may arrive by default, for the timer's
	 * scheduling delay.
	 */
	public static final Duration DEFAULT_LATENESS_MARGIN = Duration.ofMillis(250);

	private final Map<String, LedgerEntry> calls = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();

	private final AtomicInteger size = new AtomicInteger();

	private final LedgerSettings settings;

	private final long origin;

	/**
	 * Creates a ledger with the defaults of {@link #builder()}.
	 */
	public CallLedger() {
		this(builder().settings());
	}

	CallLedger(LedgerSettings settings) {
		this.settings = settings;
		this.origin = settings.ticker().getAsLong();
	}

	/**
	 * Starts configuring a ledger.
	 * @return a builder
	 */
	public static CallLedgerBuilder builder() {
		return new CallLedgerBuilder();
	}

	/**
	 * The current time on the ledger's timeline.
	 * @return the time since the ledger was created
	 */
	public Duration now() {
		return Duration.ofNanos(this.settings.ticker().getAsLong() - this.origin);
	}

	/**
	 * Records that a call is being issued, before its request is sent.
	 * @param callId the call's unique id
	 * @param deadline the deadline it is issued with
	 * @throws IllegalArgumentException if the id was issued before
	 * @throws IllegalStateException if the ledger is full
	 */
	public void issued(String callId, Duration deadline) {
		Objects.requireNonNull(callId, "callId");
		Objects.requireNonNull(deadline, "deadline");
		if (this.size.incrementAndGet() > this.settings.maxCalls()) {
			this.size.decrementAndGet();
			throw new IllegalStateException("the ledger holds at most " + this.settings.maxCalls() + " calls");
		}
		if (this.calls.putIfAbsent(callId,
				new LedgerEntry(callId, this.settings.ticker().getAsLong(), deadline)) != null) {
			this.size.decrementAndGet();
			throw new IllegalArgumentException("call '" + callId + "' was issued before");
		}
	}

	/**
	 * Records a call's result. A second outcome for the same call is counted as a
	 * violation, not recorded.
	 * @param callId the call's id
	 * @param result the result
	 * @throws IllegalArgumentException if the call was never issued
	 */
	public void completed(String callId, @Nullable Object result) {
		entry(callId).complete(this.settings.ticker().getAsLong(), result, null);
	}

	/**
	 * Records a call's failure, unwrapping {@link CompletionException} and
	 * {@link ExecutionException}. A second outcome is counted as a violation, not
	 * recorded.
	 * @param callId the call's id
	 * @param failure the failure
	 * @throws IllegalArgumentException if the call was never issued
	 */
	public void failed(String callId, Throwable failure) {
		entry(callId).complete(this.settings.ticker().getAsLong(), null, unwrap(failure));
	}

	/**
	 * Issues a call now and records the outcome of its future. Prefer
	 * {@link #track(String, Duration, Supplier)}, which records the issue time before the
	 * call is made.
	 * @param <T> the result type
	 * @param callId the call's unique id
	 * @param deadline the deadline the call was made with
	 * @param future the call's future
	 * @return the same future
	 */
	public <T> CompletableFuture<T> track(String callId, Duration deadline, CompletableFuture<T> future) {
		issued(callId, deadline);
		return record(callId, future);
	}

	/**
	 * Issues a call: records the issue time, makes the call and records the outcome of
	 * its future. A call that throws instead of returning a future is recorded as failed
	 * with that exception.
	 * @param <T> the result type
	 * @param callId the call's unique id
	 * @param deadline the deadline the call is made with
	 * @param call makes the call
	 * @return the call's future
	 */
	public <T> CompletableFuture<T> track(String callId, Duration deadline,
			Supplier<? extends CompletableFuture<T>> call) {
		issued(callId, deadline);
		CompletableFuture<T> future;
		try {
			future = call.get();
		}
		catch (RuntimeException ex) {
			future = CompletableFuture.failedFuture(ex);
		}
		return record(callId, future);
	}

	private <T> CompletableFuture<T> record(String callId, CompletableFuture<T> future) {
		future.whenComplete((result, failure) -> {
			if (failure != null) {
				failed(callId, failure);
			}
			else {
				completed(callId, result);
			}
		});
		return future;
	}

	/**
	 * Records that a provider executed a call; called by the provider's handler with the
	 * id it found in the request.
	 * @param callId the call's id
	 */
	public void executed(String callId) {
		this.executions.computeIfAbsent(callId, (id) -> new AtomicInteger()).incrementAndGet();
	}

	/**
	 * The number of calls issued.
	 * @return the count
	 */
	public int issuedCount() {
		return this.calls.size();
	}

	/**
	 * The number of calls still without an outcome.
	 * @return the count
	 */
	public int pendingCount() {
		return (int) this.calls.values().stream().filter((entry) -> entry.isPending()).count();
	}

	/**
	 * Counts calls by outcome: {@value CallRecord#SUCCESS}, {@value CallRecord#PENDING}
	 * or the simple name of the failure's class.
	 * @return the counts, sorted by outcome name
	 */
	public Map<String, Integer> outcomes() {
		Map<String, Integer> counts = new TreeMap<>();
		calls().forEach((call) -> counts.merge(call.outcome(), 1, Integer::sum));
		return counts;
	}

	/**
	 * How far the latest outcome arrived after its call's deadline.
	 * @return the largest lateness, or zero if every outcome arrived in time
	 */
	public Duration maxLatenessBeyondDeadline() {
		return calls().stream()
			.map(CallRecord::lateness)
			.filter(Objects::nonNull)
			.max(Comparator.naturalOrder())
			.filter((lateness) -> !lateness.isNegative())
			.orElse(Duration.ZERO);
	}

	/**
	 * A latency percentile of the successful calls, by nearest rank.
	 * @param percentile the percentile, between 0 and 100
	 * @return the latency, or zero without successful calls
	 */
	public Duration successLatencyPercentile(double percentile) {
		return successLatencyPercentile(calls(), percentile);
	}

	/**
	 * A latency percentile of the successful calls among the given ones, by nearest rank,
	 * for tests that look at one phase of their load.
	 * @param calls the calls
	 * @param percentile the percentile, between 0 and 100
	 * @return the latency, or zero without successful calls
	 */
	public static Duration successLatencyPercentile(List<CallRecord> calls, double percentile) {
		if (percentile < 0 || percentile > 100) {
			throw new IllegalArgumentException("percentile must be between 0 and 100 but was " + percentile);
		}
		List<Duration> latencies = calls.stream()
			.filter(CallRecord::isSuccess)
			.map(CallRecord::latency)
			.filter(Objects::nonNull)
			.sorted()
			.toList();
		if (latencies.isEmpty()) {
			return Duration.ZERO;
		}
		int rank = (int) Math.ceil(percentile / 100 * latencies.size());
		return latencies.get(Math.max(rank, 1) - 1);
	}

	/**
	 * A snapshot of every call, in the order they were issued.
	 * @return the calls
	 */
	public List<CallRecord> calls() {
		List<CallRecord> records = new ArrayList<>(this.calls.size());
		this.calls.values().forEach((entry) -> records.add(entry.toRecord(this.origin, executionsOf(entry.id()))));
		records.sort(Comparator.comparing(CallRecord::issuedAt));
		return records;
	}

	/**
	 * Executions reported for ids that were never issued, which would mean cross-talk or
	 * a broken test.
	 * @return the executions by unknown id
	 */
	Map<String, Integer> unknownExecutions() {
		Map<String, Integer> unknown = new TreeMap<>();
		this.executions.forEach((id, count) -> {
			if (!this.calls.containsKey(id)) {
				unknown.put(id, count.get());
			}
		});
		return unknown;
	}

	private int executionsOf(String callId) {
		AtomicInteger count = this.executions.get(callId);
		return (count != null) ? count.get() : 0;
	}

	/**
	 * Waits until every issued call has an outcome.
	 * @param timeout how long to wait
	 * @throws AssertionError if calls are still pending after the timeout
	 */
	public void awaitAllCompleted(Duration timeout) {
		try {
			await().atMost(timeout)
				.pollInSameThread()
				.pollInterval(Duration.ofMillis(10))
				.until(() -> pendingCount() == 0);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError(pendingCount() + " calls still pending after " + timeout + ": " + summary(), ex);
		}
	}

	/**
	 * Checks the invariants L1 to L5 over every call and reports all violations at once.
	 * <ul>
	 * <li>L1: every call has exactly one outcome, none is pending.
	 * <li>L2: no outcome arrived later than its deadline plus the lateness margin.
	 * <li>L3: every result equals {@code expectedResult.apply(callId)}, so no call got
	 * another's answer; every failure is of the configured type.
	 * <li>L4: no call was executed more often than allowed (once by default), and no
	 * unknown id was executed.
	 * <li>L5: once the provider reports executions, a success was executed exactly once;
	 * a failure classified as not sent was never executed.
	 * </ul>
	 * @param expectedResult the result each call id must have had
	 * @throws AssertionError listing the violations
	 */
	public void assertInvariants(Function<String, ?> expectedResult) {
		List<String> violations = new LedgerInvariants(this.settings, calls(), unknownExecutions(),
				!this.executions.isEmpty())
			.check(expectedResult);
		if (!violations.isEmpty()) {
			int shown = Math.min(violations.size(), 20);
			throw new AssertionError(violations.size() + " ledger violations (" + summary() + "):\n  "
					+ String.join("\n  ", violations.subList(0, shown))
					+ ((shown < violations.size()) ? "\n  ..." : ""));
		}
	}

	/**
	 * Checks L1 to L5 as {@link #assertInvariants(Function)} does, then L6: live threads
	 * and open file descriptors settle back to the baseline.
	 * @param expectedResult the result each call id must have had
	 * @param baseline the resources captured before the test's clients were created
	 * @throws AssertionError listing the violations
	 */
	public void assertInvariants(Function<String, ?> expectedResult, ResourceBaseline baseline) {
		assertInvariants(expectedResult);
		baseline.assertSettled();
	}

	/**
	 * A one-line summary for logs: counts by outcome, lateness and success latencies.
	 * @return the summary
	 */
	public String summary() {
		return "issued=" + issuedCount() + " outcomes=" + outcomes() + " maxLatenessMs="
				+ maxLatenessBeyondDeadline().toMillis() + " p50Ms=" + successLatencyPercentile(50).toMillis()
				+ " p99Ms=" + successLatencyPercentile(99).toMillis();
	}

	@Override
	public String toString() {
		return "CallLedger[" + summary() + "]";
	}

	private LedgerEntry entry(String callId) {
		LedgerEntry entry = this.calls.get(callId);
		if (entry == null) {
			throw new IllegalArgumentException("call '" + callId + "' was never issued");
		}
		return entry;
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

}
