package dev.deepstreamrpc.test;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link CallLedger} knows about one call at the moment it was asked, so that a
 * test can check timings against its own events on the same timeline.
 *
 * @param id the call's id
 * @param issuedAt when the call was issued, on the ledger's timeline
 * @param deadline the deadline the call was issued with
 * @param completedAt when the first outcome arrived, or {@code null} while pending
 * @param result the result of a successful call
 * @param failure the failure of a failed call, unwrapped from completion exceptions
 * @param completions how many outcomes were reported; anything but one is a violation
 * @param executions how many times a provider reported executing the call
 */
public record CallRecord(String id, Duration issuedAt, Duration deadline, @Nullable Duration completedAt,
		@Nullable Object result, @Nullable Throwable failure, int completions, int executions) {

	/**
	 * The outcome name used for successful calls in {@link CallLedger#outcomes()}.
	 */
	public static final String SUCCESS = "success";

	/**
	 * The outcome name used for calls without an outcome in
	 * {@link CallLedger#outcomes()}.
	 */
	public static final String PENDING = "pending";

	/**
	 * Whether no outcome has arrived yet.
	 * @return whether the call is pending
	 */
	public boolean isPending() {
		return this.completedAt == null;
	}

	/**
	 * Whether the call completed with a result.
	 * @return whether it succeeded
	 */
	public boolean isSuccess() {
		return this.completedAt != null && this.failure == null;
	}

	/**
	 * The outcome's name: {@value #SUCCESS}, {@value #PENDING} or the simple name of the
	 * failure's class.
	 * @return the outcome name
	 */
	public String outcome() {
		if (this.completedAt == null) {
			return PENDING;
		}
		return (this.failure != null) ? this.failure.getClass().getSimpleName() : SUCCESS;
	}

	/**
	 * How long the call took to get its outcome.
	 * @return the latency, or {@code null} while pending
	 */
	public @Nullable Duration latency() {
		return (this.completedAt != null) ? this.completedAt.minus(this.issuedAt) : null;
	}

	/**
	 * When the call's deadline passes, on the ledger's timeline.
	 * @return the deadline instant
	 */
	public Duration dueAt() {
		return this.issuedAt.plus(this.deadline);
	}

	/**
	 * How far the outcome arrived after the deadline; negative when it arrived before.
	 * @return the lateness, or {@code null} while pending
	 */
	public @Nullable Duration lateness() {
		return (this.completedAt != null) ? this.completedAt.minus(dueAt()) : null;
	}

}
