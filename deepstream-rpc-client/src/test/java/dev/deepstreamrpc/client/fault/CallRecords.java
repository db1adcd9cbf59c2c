package dev.deepstreamrpc.client.fault;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

import dev.deepstreamrpc.test.CallRecord;

/**
 * Selections and measures over a ledger's snapshot, so that each scenario states its
 * criteria as "these calls, issued then, ended so" in a line or two.
 */
final class CallRecords {

	private CallRecords() {
	}

	/**
	 * The calls issued before a moment that had no outcome yet at that moment.
	 * @param calls the calls
	 * @param moment the moment
	 * @return the calls in flight then
	 */
	static List<CallRecord> inFlightAt(List<CallRecord> calls, Duration moment) {
		return calls.stream()
			.filter((call) -> call.issuedAt().compareTo(moment) < 0
					&& (call.completedAt() == null || call.completedAt().compareTo(moment) > 0))
			.toList();
	}

	static List<CallRecord> issuedBetween(List<CallRecord> calls, Duration from, Duration to) {
		return calls.stream()
			.filter((call) -> call.issuedAt().compareTo(from) >= 0 && call.issuedAt().compareTo(to) < 0)
			.toList();
	}

	static List<CallRecord> matching(List<CallRecord> calls, Predicate<CallRecord> condition) {
		return calls.stream().filter(condition).toList();
	}

	/**
	 * When the last of the calls got its outcome.
	 * @param calls the calls
	 * @return the latest completion, or zero without any
	 */
	static Duration latestCompletion(List<CallRecord> calls) {
		return calls.stream()
			.map(CallRecord::completedAt)
			.filter(Objects::nonNull)
			.max(Comparator.naturalOrder())
			.orElse(Duration.ZERO);
	}

	static Duration maxLatency(List<CallRecord> calls) {
		return calls.stream()
			.map(CallRecord::latency)
			.filter(Objects::nonNull)
			.max(Comparator.naturalOrder())
			.orElse(Duration.ZERO);
	}

	/**
	 * Counts the calls by outcome name.
	 * @param calls the calls
	 * @return the counts, sorted by outcome
	 */
	static Map<String, Long> outcomes(List<CallRecord> calls) {
		Map<String, Long> counts = new TreeMap<>();
		calls.forEach((call) -> counts.merge(call.outcome(), 1L, Long::sum));
		return counts;
	}

	static long count(List<CallRecord> calls, Predicate<CallRecord> condition) {
		return calls.stream().filter(condition).count();
	}

	static Predicate<CallRecord> failedWith(Class<? extends Throwable> failure) {
		return (call) -> failure.isInstance(call.failure());
	}

	static Predicate<CallRecord> idStartsWith(String prefix) {
		return (call) -> call.id().startsWith(prefix);
	}

}
