package dev.deepstreamrpc.client.fault;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import dev.deepstreamrpc.client.RpcConnectionLostException;
import dev.deepstreamrpc.client.connection.ConnectionState;
import dev.deepstreamrpc.test.CallLedger;
import dev.deepstreamrpc.test.CallRecord;
import dev.deepstreamrpc.test.DeepstreamServer;
import dev.deepstreamrpc.test.DeepstreamServerExtension;
import dev.deepstreamrpc.test.ResourceBaseline;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server frozen with SIGSTOP under load (scenario 4 of the reliability notes): its TCP
 * connections stay up but nothing is answered, so only the client's heartbeat can tell.
 * The freeze lasts {@link #FREEZE} instead of the notes' 10 s to fit the CI budget; the
 * criteria do not depend on its length as long as it is well above the detection time.
 * The freeze is timed from the moment SIGSTOP was delivered; loss detection is allowed
 * {@link #TIMER_TOLERANCE} beyond its exact bound.
 */
@Tag("fault")
@Timeout(120)
class FrozenServerTests {

	private static final Logger logger = LoggerFactory.getLogger(FrozenServerTests.class);

	private static final Duration FREEZE = Duration.ofSeconds(5);

	/**
	 * The reliability notes' bound, {@code deadAfter + pingInterval}. The client's own
	 * worst case is lower: its last PONG came before the freeze, and it aborts
	 * {@code deadAfter} after that PONG, at its next check, a tenth of {@code deadAfter}
	 * apart.
	 */
	private static final Duration DETECTION = FaultProfile.DEAD_AFTER.plus(FaultProfile.PING_INTERVAL);

	/**
	 * How late the client's timer thread may run on this shared two-core machine.
	 */
	private static final Duration TIMER_TOLERANCE = Duration.ofMillis(50);

	private static final Duration REOPEN = FaultProfile.BACKOFF_CAP.plusMillis(500);

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension.create(FaultProfile::server);

	private final CallLedger ledger = FaultProfile.ledger();

	@Test
	void frozenServerIsDetectedByTheHeartbeatAndNoCallHangsThroughTheFreeze() {
		ResourceBaseline baseline = ResourceBaseline.capture();
		Freeze freeze = freezeUnderLoad();
		List<CallRecord> calls = this.ledger.calls();
		Duration callerLoss = freeze.caller().firstLoss(freeze.frozenAt()).orElseThrow();
		Duration providerLoss = freeze.provider().firstLoss(freeze.frozenAt()).orElseThrow();
		Duration callerOpen = freeze.caller().first(ConnectionState.OPEN, freeze.thawedAt()).orElseThrow();
		Duration providerOpen = freeze.provider().first(ConnectionState.OPEN, freeze.thawedAt()).orElseThrow();
		Duration registered = freeze.registrations().registeredAfter(freeze.thawedAt()).orElseThrow();
		Duration detectedBy = freeze.frozenAt().plus(DETECTION).plus(TIMER_TOLERANCE);
		List<CallRecord> inFlight = CallRecords.inFlightAt(calls, freeze.frozenAt());
		List<CallRecord> sentIntoFreeze = CallRecords.issuedBetween(calls, freeze.frozenAt(), callerLoss);
		List<CallRecord> duringFreeze = CallRecords.issuedBetween(calls, freeze.frozenAt(), freeze.thawedAt());
		long hung = CallRecords.count(calls, (call) -> call.issuedAt().compareTo(freeze.frozenAt()) <= 0
				&& (call.completedAt() == null || call.completedAt().compareTo(freeze.thawedAt()) >= 0));
		long completedAfterThaw = CallRecords.count(duringFreeze,
				(call) -> call.completedAt() == null || call.completedAt().compareTo(freeze.thawedAt()) >= 0);
		logger.info("Scenario 4 frozen server ({} s SIGSTOP, 150 calls/s, 100 ms handler): loss detected caller +{} ms"
				+ " provider +{} ms (limit {} ms); {} in flight at the freeze {} and {} sent into it {} all settled"
				+ " +{} ms; {} issued during the freeze {} max latency {} ms, {} completed after the thaw; {} hung"
				+ " through the freeze; after SIGCONT caller OPEN +{} ms provider OPEN +{} ms (limit {} ms),"
				+ " re-registered +{} ms; total {}", FREEZE.toSeconds(), millis(callerLoss.minus(freeze.frozenAt())),
				millis(providerLoss.minus(freeze.frozenAt())), millis(DETECTION), inFlight.size(),
				CallRecords.outcomes(inFlight), sentIntoFreeze.size(), CallRecords.outcomes(sentIntoFreeze),
				millis(CallRecords.latestCompletion(concat(inFlight, sentIntoFreeze)).minus(freeze.frozenAt())),
				duringFreeze.size(), CallRecords.outcomes(duringFreeze), millis(CallRecords.maxLatency(duringFreeze)),
				completedAfterThaw, hung, millis(callerOpen.minus(freeze.thawedAt())),
				millis(providerOpen.minus(freeze.thawedAt())), millis(REOPEN),
				millis(registered.minus(freeze.thawedAt())), this.ledger.summary());
		assertThat(callerLoss).isLessThanOrEqualTo(detectedBy);
		assertThat(providerLoss).isLessThanOrEqualTo(detectedBy);
		assertThat(inFlight).isNotEmpty();
		assertThat(concat(inFlight, sentIntoFreeze)).allSatisfy((call) -> assertThat(call.outcome())
			.isIn(CallRecord.SUCCESS, RpcConnectionLostException.class.getSimpleName()));
		assertThat(CallRecords.latestCompletion(concat(inFlight, sentIntoFreeze))).isLessThanOrEqualTo(detectedBy);
		assertThat(duringFreeze).isNotEmpty();
		assertThat(CallRecords.maxLatency(duringFreeze)).isLessThanOrEqualTo(DETECTION.plus(TIMER_TOLERANCE));
		assertThat(completedAfterThaw).isZero();
		assertThat(hung).isZero();
		assertThat(callerOpen.minus(freeze.thawedAt())).isLessThanOrEqualTo(REOPEN);
		assertThat(providerOpen.minus(freeze.thawedAt())).isLessThanOrEqualTo(REOPEN);
		assertThat(registered.minus(providerOpen)).isLessThanOrEqualTo(Duration.ofSeconds(1));
		this.ledger.assertInvariants((callId) -> callId, baseline);
	}

	private Freeze freezeUnderLoad() {
		DeepstreamServer server = deepstream.server();
		try (ClientPair pair = ClientPair.connect(server.url(), this.ledger, "s4");
				CallLoad load = CallLoad.start(this.ledger, pair.caller(), ClientPair.ECHO, "s4", 150, 2000,
						FREEZE.plusSeconds(6))) {
			await().atMost(Duration.ofSeconds(5)).until(() -> this.ledger.issuedCount() >= 300);
			server.freeze();
			Duration frozenAt = this.ledger.now();
			try {
				FaultProfile.awaitMoment(this.ledger, frozenAt.plus(FREEZE));
			}
			finally {
				server.thaw();
			}
			Duration thawedAt = this.ledger.now();
			pair.awaitServing(Duration.ofSeconds(10));
			load.awaitFinished(Duration.ofSeconds(15));
			this.ledger.awaitAllCompleted(FaultProfile.DEADLINE.plusSeconds(1));
			return new Freeze(frozenAt, thawedAt, pair.callerStates(), pair.providerStates(), pair.registrations());
		}
	}

	private static List<CallRecord> concat(List<CallRecord> first, List<CallRecord> second) {
		return Stream.concat(first.stream(), second.stream()).toList();
	}

	private static long millis(Duration duration) {
		return duration.toMillis();
	}

	/**
	 * The moments of the freeze and what the clients recorded of it; not the clients
	 * themselves, which must be unreachable for their threads to be checked.
	 */
	record Freeze(Duration frozenAt, Duration thawedAt, StateRecorder caller, StateRecorder provider,
			RegistrationRecorder registrations) {
	}

}
