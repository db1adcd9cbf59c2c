package dev.deepstreamrpc.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The ledger's bookkeeping and each invariant it checks, on a fake ticker so that timing
 * violations are exact and the tests take no time.
 */
class CallLedgerTests {

	private static final Duration DEADLINE = Duration.ofSeconds(1);

	private static final Function<String, Object> ECHO = (id) -> "re:" + id;

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final CallLedger ledger = CallLedger.builder().ticker(this.nanos::get).build();

	@Test
	void callsThatEachGetTheirOwnResultOnceSatisfyEveryInvariant() {
		for (int i = 0; i < 3; i++) {
			String id = "call-" + i;
			this.ledger.issued(id, DEADLINE);
			this.ledger.executed(id);
			advance(100);
			this.ledger.completed(id, "re:" + id);
		}
		this.ledger.assertInvariants(ECHO);
		assertThat(this.ledger.outcomes()).containsExactly(entry(CallRecord.SUCCESS, 3));
	}

	@Test
	void callWithoutOutcomeViolatesL1() {
		this.ledger.issued("lost", DEADLINE);
		assertThat(this.ledger.pendingCount()).isOne();
		assertViolation("L1 call 'lost' has no outcome");
	}

	@Test
	void secondOutcomeIsCountedNotRecorded() {
		this.ledger.issued("twice", DEADLINE);
		this.ledger.completed("twice", "re:twice");
		this.ledger.failed("twice", new IllegalStateException("late"));
		assertThat(this.ledger.calls()).singleElement().satisfies((call) -> {
			assertThat(call.result()).isEqualTo("re:twice");
			assertThat(call.completions()).isEqualTo(2);
		});
		assertViolation("L1 call 'twice' completed 2 times");
	}

	@Test
	void outcomeBeyondDeadlinePlusMarginViolatesL2() {
		this.ledger.issued("slow", DEADLINE);
		advance(DEADLINE.toMillis() + 251);
		this.ledger.failed("slow", new IllegalStateException("timeout"));
		assertThat(this.ledger.maxLatenessBeyondDeadline()).isEqualTo(Duration.ofMillis(251));
		assertViolation("L2 call 'slow' completed 251 ms after its deadline");
	}

	@Test
	void outcomeWithinTheMarginIsOnTime() {
		this.ledger.issued("just", DEADLINE);
		advance(DEADLINE.toMillis() + 250);
		this.ledger.failed("just", new IllegalStateException("timeout"));
		this.ledger.assertInvariants(ECHO);
	}

	@Test
	void marginIsConfigurable() {
		CallLedger strict = CallLedger.builder().ticker(this.nanos::get).latenessMargin(Duration.ZERO).build();
		strict.issued("late", DEADLINE);
		advance(DEADLINE.toMillis() + 1);
		strict.completed("late", "re:late");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> strict.assertInvariants(ECHO))
			.withMessageContaining("L2 call 'late'");
	}

	@Test
	void resultOfAnotherCallViolatesL3() {
		this.ledger.issued("a", DEADLINE);
		this.ledger.executed("a");
		this.ledger.completed("a", "re:b");
		assertViolation("L3 call 'a' got re:b instead of re:a");
	}

	@Test
	void untypedFailureViolatesL3WhenFailuresMustBeTyped() {
		CallLedger typed = CallLedger.builder().typedFailures(IOException.class).build();
		typed.issued("typed", DEADLINE);
		typed.failed("typed", new SocketException("reset"));
		typed.issued("untyped", DEADLINE);
		typed.failed("untyped", new IllegalStateException("raw"));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> typed.assertInvariants(ECHO))
			.withMessageContaining("1 ledger violations")
			.withMessageContaining("L3 call 'untyped' failed with untyped java.lang.IllegalStateException");
	}

	@Test
	void callExecutedTwiceViolatesL4() {
		this.ledger.issued("dup", DEADLINE);
		this.ledger.executed("dup");
		this.ledger.executed("dup");
		this.ledger.completed("dup", "re:dup");
		assertViolation("L4 call 'dup' executed 2 times");
	}

	@Test
	void retriesMayExecuteUpToTheConfiguredBound() {
		CallLedger retrying = CallLedger.builder().maxExecutions(2).build();
		retrying.issued("retried", DEADLINE);
		retrying.executed("retried");
		retrying.executed("retried");
		retrying.failed("retried", new IllegalStateException("unknown"));
		retrying.assertInvariants(ECHO);
	}

	@Test
	void executionOfAnIdNeverIssuedViolatesL4() {
		this.ledger.executed("ghost");
		assertViolation("L4 call 'ghost' executed 1 times but never issued");
	}

	@Test
	void successNeverExecutedViolatesL5OnceTheProviderReportsExecutions() {
		this.ledger.issued("reported", DEADLINE);
		this.ledger.executed("reported");
		this.ledger.completed("reported", "re:reported");
		this.ledger.issued("phantom", DEADLINE);
		this.ledger.completed("phantom", "re:phantom");
		assertViolation("L5 call 'phantom' succeeded but was executed 0 times");
	}

	@Test
	void successesNeedNoExecutionsWhenTheProviderReportsNone() {
		this.ledger.issued("js", DEADLINE);
		this.ledger.completed("js", "re:js");
		this.ledger.assertInvariants(ECHO);
	}

	@Test
	void notSentFailureThatWasExecutedViolatesL5() {
		CallLedger classified = CallLedger.builder()
			.notSentWhen((failure) -> failure instanceof IllegalStateException)
			.build();
		classified.issued("liar", DEADLINE);
		classified.executed("liar");
		classified.failed("liar", new IllegalStateException("not sent"));
		classified.issued("unknown", DEADLINE);
		classified.executed("unknown");
		classified.failed("unknown", new IllegalArgumentException("maybe sent"));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> classified.assertInvariants(ECHO))
			.withMessageContaining("1 ledger violations")
			.withMessageContaining("L5 call 'liar' was executed although it failed as not sent");
	}

	@Test
	void everyViolationIsReportedAtOnce() {
		this.ledger.issued("pending", DEADLINE);
		this.ledger.issued("wrong", DEADLINE);
		this.ledger.executed("wrong");
		this.ledger.completed("wrong", "re:other");
		this.ledger.executed("ghost");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> this.ledger.assertInvariants(ECHO))
			.withMessageStartingWith("3 ledger violations")
			.withMessageContaining("L1 call 'pending'")
			.withMessageContaining("L3 call 'wrong'")
			.withMessageContaining("L4 call 'ghost'");
	}

	@Test
	void trackedSupplierIsIssuedBeforeTheCallIsMade() {
		CompletableFuture<String> future = new CompletableFuture<>();
		this.ledger.track("timed", DEADLINE, () -> {
			advance(40);
			return future;
		});
		advance(60);
		future.complete("re:timed");
		assertThat(this.ledger.calls()).singleElement()
			.satisfies((call) -> assertThat(call.latency()).isEqualTo(Duration.ofMillis(100)));
	}

	@Test
	void trackedFutureRecordsItsOutcomeWhenItCompletes() {
		CompletableFuture<String> future = new CompletableFuture<>();
		assertThat(this.ledger.track("later", DEADLINE, future)).isSameAs(future);
		assertThat(this.ledger.outcomes()).containsExactly(entry(CallRecord.PENDING, 1));
		future.completeExceptionally(new CompletionException(new UncheckedIOException(new IOException("gone"))));
		assertThat(this.ledger.outcomes()).containsExactly(entry("UncheckedIOException", 1));
	}

	@Test
	void callThatThrowsIsRecordedAsFailedWithWhatItThrew() {
		CompletableFuture<Object> future = this.ledger.track("throws", DEADLINE, () -> {
			throw new IllegalArgumentException("bad name");
		});
		assertThat(future).isCompletedExceptionally();
		assertThat(this.ledger.calls()).singleElement()
			.satisfies((call) -> assertThat(call.failure()).isInstanceOf(IllegalArgumentException.class));
	}

	@Test
	void outcomesAreCountedByFailureType() {
		this.ledger.track("ok", DEADLINE, CompletableFuture.completedFuture("re:ok"));
		this.ledger.track("lost", DEADLINE, CompletableFuture.failedFuture(new IllegalStateException()));
		this.ledger.track("lost2", DEADLINE, CompletableFuture.failedFuture(new IllegalStateException()));
		this.ledger.track("waiting", DEADLINE, new CompletableFuture<>());
		assertThat(this.ledger.outcomes()).containsExactly(entry("IllegalStateException", 2),
				entry(CallRecord.PENDING, 1), entry(CallRecord.SUCCESS, 1));
	}

	@Test
	void latenessIsZeroWhenEverythingCameInTime() {
		this.ledger.issued("early", DEADLINE);
		advance(10);
		this.ledger.completed("early", "re:early");
		assertThat(this.ledger.maxLatenessBeyondDeadline()).isZero();
		assertThat(this.ledger.calls().get(0).lateness()).isEqualTo(Duration.ofMillis(-990));
	}

	@Test
	void successLatencyPercentilesUseNearestRank() {
		for (int i = 1; i <= 100; i++) {
			this.ledger.issued("p" + i, DEADLINE);
			advance(i);
			this.ledger.completed("p" + i, "re:p" + i);
		}
		this.ledger.issued("failed", DEADLINE);
		advance(900);
		this.ledger.failed("failed", new IllegalStateException());
		assertThat(this.ledger.successLatencyPercentile(50)).isEqualTo(Duration.ofMillis(50));
		assertThat(this.ledger.successLatencyPercentile(99)).isEqualTo(Duration.ofMillis(99));
		assertThat(this.ledger.successLatencyPercentile(100)).isEqualTo(Duration.ofMillis(100));
	}

	@Test
	void timelineStartsWhenTheLedgerIsCreated() {
		advance(1500);
		assertThat(this.ledger.now()).isEqualTo(Duration.ofMillis(1500));
		this.ledger.issued("t", DEADLINE);
		assertThat(this.ledger.calls().get(0).issuedAt()).isEqualTo(Duration.ofMillis(1500));
		assertThat(this.ledger.calls().get(0).dueAt()).isEqualTo(Duration.ofMillis(2500));
	}

	@Test
	void idIssuedTwiceIsRefused() {
		this.ledger.issued("same", DEADLINE);
		assertThatIllegalArgumentException().isThrownBy(() -> this.ledger.issued("same", DEADLINE))
			.withMessageContaining("'same'");
	}

	@Test
	void outcomeForAnIdNeverIssuedIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.ledger.completed("nobody", null));
	}

	@Test
	void fullLedgerRefusesMoreCalls() {
		CallLedger small = CallLedger.builder().maxCalls(2).build();
		small.issued("1", DEADLINE);
		small.issued("2", DEADLINE);
		assertThatIllegalStateException().isThrownBy(() -> small.issued("3", DEADLINE));
		assertThat(small.issuedCount()).isEqualTo(2);
	}

	@Test
	void waitingForPendingCallsFailsWithTheSummary() {
		this.ledger.issued("stuck", DEADLINE);
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.ledger.awaitAllCompleted(Duration.ofMillis(50)))
			.withMessageContaining("1 calls still pending")
			.withMessageContaining("pending=1");
	}

	@Test
	void waitingReturnsOnceEveryCallCompleted() {
		this.ledger.track("done", DEADLINE, CompletableFuture.completedFuture("re:done"));
		this.ledger.awaitAllCompleted(Duration.ofMillis(50));
	}

	private void assertViolation(String violation) {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> this.ledger.assertInvariants(ECHO))
			.withMessageContaining(violation);
	}

	private void advance(long millis) {
		this.nanos.addAndGet(Duration.ofMillis(millis).toNanos());
	}

	private static Map.Entry<String, Integer> entry(String outcome, int count) {
		return Map.entry(outcome, count);
	}

}
