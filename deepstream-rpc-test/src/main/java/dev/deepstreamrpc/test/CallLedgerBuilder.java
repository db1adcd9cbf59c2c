package dev.deepstreamrpc.test;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Configures a {@link CallLedger}: what its invariants allow and where its time comes
 * from, so that one ledger fits both process-level fault tests and fake-time unit tests.
 * <p>
 * Not thread-safe; build on one thread.
 */
public final class CallLedgerBuilder {

	private Duration latenessMargin = CallLedger.DEFAULT_LATENESS_MARGIN;

	private Class<? extends Throwable> failureType = Throwable.class;

	private Predicate<Throwable> notSent = (failure) -> false;

	private int maxExecutions = 1;

	private LongSupplier ticker = System::nanoTime;

	private int maxCalls = 100_000;

	CallLedgerBuilder() {
	}

	/**
	 * How late after its deadline an outcome may arrive (L2).
	 * @param margin the margin (default 250 ms)
	 * @return this builder
	 */
	public CallLedgerBuilder latenessMargin(Duration margin) {
		if (margin.isNegative()) {
			throw new IllegalArgumentException("margin must not be negative but was " + margin);
		}
		this.latenessMargin = margin;
		return this;
	}

	/**
	 * The type every failure must have, such as the client's exception root, so that an
	 * untyped failure is a violation (L3).
	 * @param type the type (default {@link Throwable}: any failure)
	 * @return this builder
	 */
	public CallLedgerBuilder typedFailures(Class<? extends Throwable> type) {
		this.failureType = Objects.requireNonNull(type, "type");
		return this;
	}

	/**
	 * Which failures promise that the request never reached a provider, so that an
	 * execution of such a call is a violation (L5).
	 * @param notSent the classifier (default none)
	 * @return this builder
	 */
	public CallLedgerBuilder notSentWhen(Predicate<Throwable> notSent) {
		this.notSent = Objects.requireNonNull(notSent, "notSent");
		return this;
	}

	/**
	 * How often one call may be executed, more than once only when a retry policy is on
	 * (L4).
	 * @param executions the bound (default 1)
	 * @return this builder
	 */
	public CallLedgerBuilder maxExecutions(int executions) {
		if (executions < 1) {
			throw new IllegalArgumentException("executions must be at least 1 but was " + executions);
		}
		this.maxExecutions = executions;
		return this;
	}

	/**
	 * The monotonic time source, replaceable by a fake one in tests.
	 * @param nanoTime the time source in nanoseconds (default {@link System#nanoTime})
	 * @return this builder
	 */
	public CallLedgerBuilder ticker(LongSupplier nanoTime) {
		this.ticker = Objects.requireNonNull(nanoTime, "nanoTime");
		return this;
	}

	/**
	 * How many calls the ledger holds at most; more are refused.
	 * @param calls the bound (default 100,000)
	 * @return this builder
	 */
	public CallLedgerBuilder maxCalls(int calls) {
		if (calls < 1) {
			throw new IllegalArgumentException("calls must be at least 1 but was " + calls);
		}
		this.maxCalls = calls;
		return this;
	}

	/**
	 * Creates the ledger; its timeline starts now.
	 * @return the ledger
	 */
	public CallLedger build() {
		return new CallLedger(settings());
	}

	LedgerSettings settings() {
		return new LedgerSettings(this.latenessMargin, this.failureType, this.notSent, this.maxExecutions, this.ticker,
				this.maxCalls);
	}

}
