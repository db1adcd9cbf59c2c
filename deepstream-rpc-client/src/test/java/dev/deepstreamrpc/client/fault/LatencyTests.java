package dev.deepstreamrpc.client.fault;

import java.time.Duration;
import java.util.List;

import dev.deepstreamrpc.client.RpcTimeoutException;
import dev.deepstreamrpc.client.connection.ConnectionState;
import dev.deepstreamrpc.test.CallLedger;
import dev.deepstreamrpc.test.CallRecord;
import dev.deepstreamrpc.test.ChaosProxy;
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
 * Latency added by the {@link ChaosProxy} in both directions under load (scenario 6 of
 * the reliability notes): a slow but healthy network must cost time and nothing else, and
 * a network slower than the heartbeat allows must end every call with a typed outcome and
 * recover once it is fast again. Provider and caller are both behind the proxy, so a call
 * crosses it four times.
 */
@Tag("fault")
@Timeout(120)
class LatencyTests {

	private static final Logger logger = LoggerFactory.getLogger(LatencyTests.class);

	private static final Duration LATENCY = Duration.ofMillis(200);

	private static final Duration JITTER = Duration.ofMillis(50);

	private static final Duration PHASE = Duration.ofSeconds(4);

	private static final Duration EXCESSIVE_LATENCY = Duration.ofSeconds(2);

	private static final Duration TIMER_TOLERANCE = Duration.ofMillis(50);

	/**
	 * Calls left out of the latency baseline, while the provider's threads start and the
	 * code warms up.
	 */
	private static final int WARM_UP_CALLS = 150;

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension.create(FaultProfile::server);

	private final CallLedger ledger = FaultProfile.ledger();

	@Test
	void latencyWithinTheHeartbeatCostsTimeButNoTimeoutAndNoReconnect() {
		ResourceBaseline baseline = ResourceBaseline.capture();
		Phases phases = underLatency(LATENCY, JITTER);
		List<CallRecord> fast = CallRecords.matching(
				CallRecords.issuedBetween(this.ledger.calls(), phases.warmAt(), phases.slowAt()),
				(call) -> call.completedAt() != null && call.completedAt().compareTo(phases.slowAt()) < 0);
		List<CallRecord> slow = CallRecords.issuedBetween(this.ledger.calls(), phases.slowAt(), phases.healedAt());
		Duration fastP99 = percentile(fast, 99);
		Duration slowP99 = percentile(slow, 99);
		Duration p99Limit = fastP99.plus(LATENCY.plus(JITTER).multipliedBy(4)).plus(TIMER_TOLERANCE);
		long losses = phases.caller().times(ConnectionState.RECONNECTING, Duration.ZERO, this.ledger.now()).size()
				+ phases.provider().times(ConnectionState.RECONNECTING, Duration.ZERO, this.ledger.now()).size();
		long timeouts = CallRecords.count(this.ledger.calls(), CallRecords.failedWith(RpcTimeoutException.class));
		logger
			.info("Scenario 6a latency {} ms ± {} ms each way under 150 calls/s: without latency {} warm calls p50 {} ms"
					+ " p99 {} ms; with latency {} calls {} p50 {} ms p99 {} ms max {} ms (limit p99 {} ms); timeouts {},"
					+ " heartbeat losses {}; total {}", LATENCY.toMillis(), JITTER.toMillis(), fast.size(),
					percentile(fast, 50).toMillis(), fastP99.toMillis(), slow.size(), CallRecords.outcomes(slow),
					percentile(slow, 50).toMillis(), slowP99.toMillis(), CallRecords.maxLatency(slow).toMillis(),
					p99Limit.toMillis(), timeouts, losses, this.ledger.summary());
		assertThat(slow).isNotEmpty().allMatch(CallRecord::isSuccess);
		assertThat(percentile(slow, 50)).isGreaterThanOrEqualTo(LATENCY.multipliedBy(4).minus(JITTER.multipliedBy(4)));
		assertThat(slowP99).isLessThanOrEqualTo(p99Limit);
		assertThat(timeouts).isZero();
		assertThat(losses).isZero();
		this.ledger.assertInvariants((callId) -> callId, baseline);
	}

	@Test
	void latencyBeyondTheHeartbeatEndsTheConnectionWithEveryCallTypedInTimeAndRecovers() {
		ResourceBaseline baseline = ResourceBaseline.capture();
		Phases phases = underLatency(EXCESSIVE_LATENCY, Duration.ZERO);
		Duration callerLoss = phases.caller().firstLoss(phases.slowAt()).orElseThrow();
		Duration providerLoss = phases.provider().firstLoss(phases.slowAt()).orElseThrow();
		Duration callerOpen = phases.caller().first(ConnectionState.OPEN, phases.healedAt()).orElseThrow();
		Duration providerOpen = phases.provider().first(ConnectionState.OPEN, phases.healedAt()).orElseThrow();
		Duration registered = phases.registrations().registeredAfter(phases.healedAt()).orElseThrow();
		List<CallRecord> slow = CallRecords.issuedBetween(this.ledger.calls(), phases.slowAt(), phases.healedAt());
		Duration detection = FaultProfile.DEAD_AFTER.plus(FaultProfile.PING_INTERVAL);
		Duration reopen = FaultProfile.BACKOFF_CAP.plusMillis(500);
		logger
			.info("Scenario 6b latency {} ms each way for {} s under 150 calls/s: loss detected caller +{} ms provider"
					+ " +{} ms (limit {} ms); {} calls issued with latency {} max latency {} ms, max lateness {} ms; after"
					+ " latency back to 0 caller OPEN +{} ms provider OPEN +{} ms (limit {} ms) re-registered +{} ms;"
					+ " total {}", EXCESSIVE_LATENCY.toMillis(), PHASE.toSeconds(),
					callerLoss.minus(phases.slowAt()).toMillis(), providerLoss.minus(phases.slowAt()).toMillis(),
					detection.toMillis(), slow.size(), CallRecords.outcomes(slow),
					CallRecords.maxLatency(slow).toMillis(), this.ledger.maxLatenessBeyondDeadline().toMillis(),
					callerOpen.minus(phases.healedAt()).toMillis(), providerOpen.minus(phases.healedAt()).toMillis(),
					reopen.toMillis(), registered.minus(phases.healedAt()).toMillis(), this.ledger.summary());
		assertThat(callerLoss.minus(phases.slowAt())).isLessThanOrEqualTo(detection.plus(TIMER_TOLERANCE));
		assertThat(providerLoss.minus(phases.slowAt())).isLessThanOrEqualTo(detection.plus(TIMER_TOLERANCE));
		assertThat(slow).isNotEmpty();
		assertThat(callerOpen.minus(phases.healedAt())).isLessThanOrEqualTo(reopen);
		assertThat(providerOpen.minus(phases.healedAt())).isLessThanOrEqualTo(reopen);
		assertThat(registered.minus(providerOpen)).isLessThanOrEqualTo(Duration.ofSeconds(1));
		this.ledger.assertInvariants((callId) -> callId, baseline);
	}

	private Phases underLatency(Duration latency, Duration jitter) {
		try (ChaosProxy proxy = ChaosProxy.inFrontOf(deepstream.server());
				ClientPair pair = ClientPair.connect(proxy.url(), this.ledger, "s6");
				CallLoad load = CallLoad.start(this.ledger, pair.caller(), ClientPair.ECHO, "s6", 150, 2000,
						PHASE.multipliedBy(3))) {
			await().atMost(Duration.ofSeconds(5)).until(() -> this.ledger.issuedCount() >= WARM_UP_CALLS);
			Duration warmAt = this.ledger.now();
			await().atMost(Duration.ofSeconds(5)).until(() -> this.ledger.issuedCount() >= 3 * WARM_UP_CALLS);
			proxy.latency(latency, jitter);
			Duration slowAt = this.ledger.now();
			FaultProfile.awaitMoment(this.ledger, slowAt.plus(PHASE));
			proxy.heal();
			Duration healedAt = this.ledger.now();
			pair.awaitServing(Duration.ofSeconds(5));
			load.awaitFinished(Duration.ofSeconds(15));
			this.ledger.awaitAllCompleted(FaultProfile.DEADLINE.plusSeconds(1));
			return new Phases(warmAt, slowAt, healedAt, pair.callerStates(), pair.providerStates(),
					pair.registrations());
		}
	}

	private static Duration percentile(List<CallRecord> calls, double percentile) {
		return CallLedger.successLatencyPercentile(calls, percentile);
	}

	/**
	 * When the load was warm, when the latency started and ended, and what the clients
	 * recorded of it.
	 */
	record Phases(Duration warmAt, Duration slowAt, Duration healedAt, StateRecorder caller, StateRecorder provider,
			RegistrationRecorder registrations) {
	}

}
