package dev.deepstreamrpc.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Checks a snapshot of a {@link CallLedger} against the invariants L1 to L5, kept apart
 * from the ledger so that recording and judging stay separate.
 * <p>
 * Not thread-safe; used once, on the thread that asserts.
 */
final class LedgerInvariants {

	private final LedgerSettings settings;

	private final List<CallRecord> calls;

	private final Map<String, Integer> unknownExecutions;

	private final boolean executionsReported;

	private final List<String> violations = new ArrayList<>();

	LedgerInvariants(LedgerSettings settings, List<CallRecord> calls, Map<String, Integer> unknownExecutions,
			boolean executionsReported) {
		this.settings = settings;
		this.calls = calls;
		this.unknownExecutions = unknownExecutions;
		this.executionsReported = executionsReported;
	}

	List<String> check(Function<String, ?> expectedResult) {
		for (CallRecord call : this.calls) {
			checkOutcome(call);
			checkTiming(call);
			checkResult(call, expectedResult);
			checkExecutions(call);
		}
		this.unknownExecutions
			.forEach((id, count) -> violation("L4", id, "executed " + count + " times but never issued"));
		return this.violations;
	}

	private void checkOutcome(CallRecord call) {
		if (call.isPending()) {
			violation("L1", call.id(), "has no outcome, issued at " + millis(call.issuedAt()));
		}
		else if (call.completions() != 1) {
			violation("L1", call.id(), "completed " + call.completions() + " times");
		}
	}

	private void checkTiming(CallRecord call) {
		Duration lateness = call.lateness();
		if (lateness != null && lateness.compareTo(this.settings.latenessMargin()) > 0) {
			violation("L2", call.id(), "completed " + millis(lateness) + " after its deadline of "
					+ millis(call.deadline()) + " with " + call.outcome());
		}
	}

	private void checkResult(CallRecord call, Function<String, ?> expectedResult) {
		if (call.isSuccess()) {
			Object expected = expectedResult.apply(call.id());
			if (!Objects.equals(expected, call.result())) {
				violation("L3", call.id(), "got " + call.result() + " instead of " + expected);
			}
		}
		else if (call.failure() != null && !this.settings.failureType().isInstance(call.failure())) {
			violation("L3", call.id(), "failed with untyped " + call.failure());
		}
	}

	private void checkExecutions(CallRecord call) {
		if (call.executions() > this.settings.maxExecutions()) {
			violation("L4", call.id(), "executed " + call.executions() + " times");
		}
		if (this.executionsReported && call.isSuccess() && call.executions() != 1) {
			violation("L5", call.id(), "succeeded but was executed " + call.executions() + " times");
		}
		if (call.failure() != null && call.executions() > 0 && this.settings.notSent().test(call.failure())) {
			violation("L5", call.id(), "was executed although it failed as not sent: " + call.failure());
		}
	}

	private void violation(String invariant, String callId, String what) {
		this.violations.add(invariant + " call '" + callId + "' " + what);
	}

	private static String millis(Duration duration) {
		return duration.toMillis() + " ms";
	}

}
