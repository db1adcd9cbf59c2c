package dev.deepstreamrpc.test;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * What a {@link CallLedgerBuilder} collected, frozen so that a ledger's invariants cannot
 * change while calls are recorded.
 *
 * @param latenessMargin how late after its deadline an outcome may arrive
 * @param failureType the type every failure must have
 * @param notSent which failures promise that the call was never executed
 * @param maxExecutions how often a call may be executed
 * @param ticker the monotonic time source in nanoseconds
 * @param maxCalls how many calls the ledger holds at most
 */
record LedgerSettings(Duration latenessMargin, Class<? extends Throwable> failureType, Predicate<Throwable> notSent,
		int maxExecutions, LongSupplier ticker, int maxCalls) {
}
