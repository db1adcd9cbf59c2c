package dev.deepstreamrpc.client.fault;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.connection.ConnectionState;
import dev.deepstreamrpc.test.CallLedger;
import dev.deepstreamrpc.test.CallRecord;
import dev.deepstreamrpc.test.ChaosProxy;
import dev.deepstreamrpc.test.ChaosProxy.Direction;
import dev.deepstreamrpc.test.DeepstreamServerExtension;
import dev.deepstreamrpc.test.ResourceBaseline;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One direction of every connection blackholed by the {@link ChaosProxy} under load
 * (scenario 7 of the reliability notes): the sockets stay open and nothing signals the
 * fault, so only the client's heartbeat can detect it, in either direction, and the
 * client must reconnect cleanly once the route is back. Under load, provider and caller
 * are both behind the proxy. The test's timer tolerance is explained in
 * {@link FrozenServerTests}; a reconnection attempt whose handshake fell into the
 * blackhole ends at the pair's connect timeout, which bounds the recovery.
 */
@Tag("fault")
@Timeout(120)
class BlackholeTests {

	private static final Logger logger = LoggerFactory.getLogger(BlackholeTests.class);

	private static final Duration BLACKHOLE = Duration.ofSeconds(4);

	private static final String SLOW_ECHO = "fault/slow-echo";

	private static final Duration DETECTION = FaultProfile.DEAD_AFTER.plus(FaultProfile.PING_INTERVAL);

	private static final Duration TIMER_TOLERANCE = Duration.ofMillis(50);

	private static final Duration RECOVERY = ClientPair.CONNECT_TIMEOUT.plus(FaultProfile.BACKOFF_CAP).plusMillis(500);

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension.create(FaultProfile::server);

	private final CallLedger ledger = FaultProfile.ledger();

	@ParameterizedTest
	@EnumSource(Direction.class)
	void oneWayBlackholeIsDetectedByTheHeartbeatAndHealsWithACleanReconnect(Direction direction) {
		ResourceBaseline baseline = ResourceBaseline.capture();
		Blackhole blackhole = blackholeUnderLoad(direction);
		List<CallRecord> calls = this.ledger.calls();
		Duration callerLoss = blackhole.caller().firstLoss(blackhole.startedAt()).orElseThrow();
		Duration providerLoss = blackhole.provider().firstLoss(blackhole.startedAt()).orElseThrow();
		Duration callerOpen = blackhole.caller().first(ConnectionState.OPEN, blackhole.healedAt()).orElseThrow();
		Duration providerOpen = blackhole.provider().first(ConnectionState.OPEN, blackhole.healedAt()).orElseThrow();
		Duration registered = blackhole.registrations().registeredAfter(blackhole.healedAt()).orElseThrow();
		List<CallRecord> inFlight = CallRecords.inFlightAt(calls, blackhole.startedAt());
		List<CallRecord> during = CallRecords.issuedBetween(calls, blackhole.startedAt(), blackhole.healedAt());
		Duration detectedBy = blackhole.startedAt().plus(DETECTION).plus(TIMER_TOLERANCE);
		int attempts = blackhole.caller()
			.times(ConnectionState.CONNECTING, blackhole.startedAt(), blackhole.healedAt())
			.size();
		logger.info("Scenario 7 blackhole {} for {} s under 150 calls/s: loss detected caller +{} ms provider +{} ms"
				+ " (limit {} ms); {} in flight at the start {} settled +{} ms; {} issued during it {} max latency {}"
				+ " ms; caller reconnection attempts during it {}; after heal caller OPEN +{} ms provider OPEN +{} ms"
				+ " (limit {} ms) re-registered +{} ms; total {}", direction, BLACKHOLE.toSeconds(),
				callerLoss.minus(blackhole.startedAt()).toMillis(),
				providerLoss.minus(blackhole.startedAt()).toMillis(), DETECTION.toMillis(), inFlight.size(),
				CallRecords.outcomes(inFlight),
				CallRecords.latestCompletion(inFlight).minus(blackhole.startedAt()).toMillis(), during.size(),
				CallRecords.outcomes(during), CallRecords.maxLatency(during).toMillis(), attempts,
				callerOpen.minus(blackhole.healedAt()).toMillis(), providerOpen.minus(blackhole.healedAt()).toMillis(),
				RECOVERY.toMillis(), registered.minus(blackhole.healedAt()).toMillis(), this.ledger.summary());
		assertThat(callerLoss).isLessThanOrEqualTo(detectedBy);
		assertThat(providerLoss).isLessThanOrEqualTo(detectedBy);
		assertThat(inFlight).isNotEmpty();
		assertThat(CallRecords.latestCompletion(inFlight)).isLessThanOrEqualTo(detectedBy);
		assertThat(during).isNotEmpty().noneMatch(CallRecord::isPending);
		assertThat(callerOpen.minus(blackhole.healedAt())).isLessThanOrEqualTo(RECOVERY);
		assertThat(providerOpen.minus(blackhole.healedAt())).isLessThanOrEqualTo(RECOVERY);
		assertThat(registered.minus(providerOpen)).isLessThanOrEqualTo(Duration.ofSeconds(1));
		this.ledger.assertInvariants((callId) -> callId, baseline);
	}

	/**
	 * With only the way to the server cut, the caller still receives the answers to
	 * requests the provider got before the cut, so arriving traffic proves nothing: only
	 * the PONGs that stop coming do. The provider is connected directly, and answers the
	 * calls one every 100 ms for longer than the detection bound; the loss may be seen
	 * half a second after the cut, if the last PONG came a ping interval before it.
	 */
	@Test
	void answersStillArrivingDoNotHideABlackholeTowardsTheServer() throws Exception {
		List<String> callIds = IntStream.rangeClosed(1, 28).mapToObj((step) -> "answer-in-" + (step * 100)).toList();
		ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor();
		StateRecorder callerStates = new StateRecorder(this.ledger::now);
		try (ChaosProxy proxy = ChaosProxy.inFrontOf(deepstream.server());
				DeepstreamRpcClient provider = FaultProfile.client(deepstream.server().url()).build();
				DeepstreamRpcClient caller = FaultProfile.client(proxy.url()).build()) {
			caller.addConnectionStateListener(callerStates);
			provider.connect().join();
			caller.connect().join();
			provider.provide(SLOW_ECHO, (request, response) -> {
				String callId = FaultProfile.text(request.data());
				this.ledger.executed(callId);
				long delay = Long.parseLong(callId.substring("answer-in-".length()));
				answers.schedule(() -> response.send(callId), delay, TimeUnit.MILLISECONDS);
			}).join();
			callIds.forEach((callId) -> this.ledger.track(callId, FaultProfile.DEADLINE,
					() -> caller.make(SLOW_ECHO, callId, FaultProfile.DEADLINE).thenApply(FaultProfile::text)));
			await().atMost(Duration.ofSeconds(5))
				.until(() -> this.ledger.calls().stream().allMatch((call) -> call.executions() > 0));
			proxy.blackhole(Direction.CLIENT_TO_SERVER);
			Duration startedAt = this.ledger.now();
			await().atMost(Duration.ofSeconds(10)).until(() -> callerStates.firstLoss(startedAt).isPresent());
			this.ledger.awaitAllCompleted(FaultProfile.DEADLINE.plusSeconds(1));
			Duration loss = callerStates.firstLoss(startedAt).orElseThrow();
			List<CallRecord> answeredDuringIt = CallRecords.matching(this.ledger.calls(),
					(call) -> call.isSuccess() && call.completedAt().compareTo(startedAt) > 0);
			logger.info(
					"Scenario 7 blackhole CLIENT_TO_SERVER with answers still arriving: {} answers arrived after"
							+ " the cut, the last +{} ms; loss detected +{} ms (limit {} ms); {}",
					answeredDuringIt.size(), CallRecords.latestCompletion(answeredDuringIt).minus(startedAt).toMillis(),
					loss.minus(startedAt).toMillis(), DETECTION.toMillis(), this.ledger.summary());
			assertThat(answeredDuringIt).hasSizeGreaterThanOrEqualTo(3);
			assertThat(loss).isLessThanOrEqualTo(startedAt.plus(DETECTION).plus(TIMER_TOLERANCE));
			this.ledger.assertInvariants((callId) -> callId);
		}
		finally {
			answers.shutdownNow();
		}
	}

	private Blackhole blackholeUnderLoad(Direction direction) {
		try (ChaosProxy proxy = ChaosProxy.inFrontOf(deepstream.server());
				ClientPair pair = ClientPair.connect(proxy.url(), this.ledger, "s7");
				CallLoad load = CallLoad.start(this.ledger, pair.caller(), ClientPair.ECHO, "s7", 150, 2000,
						BLACKHOLE.plusSeconds(6))) {
			await().atMost(Duration.ofSeconds(5)).until(() -> this.ledger.issuedCount() >= 300);
			proxy.blackhole(direction);
			Duration startedAt = this.ledger.now();
			FaultProfile.awaitMoment(this.ledger, startedAt.plus(BLACKHOLE));
			proxy.heal();
			Duration healedAt = this.ledger.now();
			pair.awaitServing(RECOVERY.plusSeconds(5));
			load.awaitFinished(Duration.ofSeconds(15));
			this.ledger.awaitAllCompleted(FaultProfile.DEADLINE.plusSeconds(1));
			return new Blackhole(startedAt, healedAt, pair.callerStates(), pair.providerStates(), pair.registrations());
		}
	}

	/**
	 * When the blackhole started and ended, and what the clients recorded of it.
	 */
	record Blackhole(Duration startedAt, Duration healedAt, StateRecorder caller, StateRecorder provider,
			RegistrationRecorder registrations) {
	}

}
