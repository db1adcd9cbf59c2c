package dev.deepstreamrpc.client.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.DeepstreamRpcClientBuilder;
import dev.deepstreamrpc.client.ProviderState;
import dev.deepstreamrpc.client.RpcBackpressureException;
import dev.deepstreamrpc.client.RpcConnectionLostException;
import dev.deepstreamrpc.client.RpcNoProviderException;
import dev.deepstreamrpc.client.RpcNotConnectedException;
import dev.deepstreamrpc.client.RpcRequestHandler;
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

import static dev.deepstreamrpc.client.fault.CallRecords.count;
import static dev.deepstreamrpc.client.fault.CallRecords.failedWith;
import static dev.deepstreamrpc.client.fault.CallRecords.inFlightAt;
import static dev.deepstreamrpc.client.fault.CallRecords.issuedBetween;
import static dev.deepstreamrpc.client.fault.CallRecords.latestCompletion;
import static dev.deepstreamrpc.client.fault.CallRecords.maxLatency;
import static dev.deepstreamrpc.client.fault.CallRecords.outcomes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server crashing and coming back (scenarios 1 to 3 of the reliability notes), each
 * test with a server of its own that is killed with SIGKILL and restarted on the same
 * port, measured on the call ledger's timeline.
 */
@Tag("fault")
@Timeout(120)
class ServerOutageTests {

	private static final Logger logger = LoggerFactory.getLogger(ServerOutageTests.class);

	private static final String ECHO = "fault/echo";

	private static final Duration OUTAGE = Duration.ofSeconds(3);

	private static final Duration LONG_OUTAGE = Duration.ofSeconds(20);

	private static final int BURST = 10_000;

	private static final int OVER_BOUND = 100;

	@RegisterExtension
	final DeepstreamServerExtension deepstream = DeepstreamServerExtension.create(FaultProfile::server);

	private final CallLedger ledger = FaultProfile.ledger();

	@Test
	void serverKilledUnderLoadFailsCallsInFlightAtOnceAndServesSoonAfterItIsBack() {
		ResourceBaseline baseline = FaultProfile.settledBaseline();
		Outage outage = killUnderLoad();
		List<CallRecord> calls = this.ledger.calls();
		Duration lostAt = outage.caller().firstLoss(outage.killAt()).orElseThrow();
		Duration callerOpenAt = outage.caller().first(ConnectionState.OPEN, outage.restartAt()).orElseThrow();
		Duration providerOpenAt = outage.provider().first(ConnectionState.OPEN, outage.restartAt()).orElseThrow();
		List<CallRecord> inFlight = inFlightAt(calls, outage.killAt());
		List<CallRecord> duringOutage = issuedBetween(calls, lostAt, callerOpenAt);
		List<CallRecord> firstTwoSeconds = issuedBetween(calls, callerOpenAt, callerOpenAt.plusSeconds(2));
		Duration inFlightSettled = latestCompletion(inFlight).minus(outage.killAt());
		Duration firstSuccess = calls.stream()
			.filter((call) -> call.isSuccess() && call.issuedAt().compareTo(outage.killAt()) > 0)
			.map(CallRecord::completedAt)
			.filter(Objects::nonNull)
			.min(Comparator.naturalOrder())
			.orElseThrow();
		logger.info(
				"Scenario 1 server kill -9 under load: issued={} at 150/s, inFlightAtKill={} {} settled {} ms after"
						+ " the kill, loss seen after {} ms, outage calls={} {} max latency {} ms, health OK {} ms"
						+ " after kill, caller OPEN +{} ms and provider OPEN +{} ms after health, PROVIDE acked {} ms"
						+ " after provider auth, first success +{} ms after health, NO_RPC_PROVIDER in first 2 s"
						+ " with a 2 s no-provider retry window" + " {}/{}, outcomes {}",
				calls.size(), inFlight.size(), outcomes(inFlight), inFlightSettled.toMillis(),
				lostAt.minus(outage.killAt()).toMillis(), duringOutage.size(), outcomes(duringOutage),
				maxLatency(duringOutage).toMillis(), outage.healthyAt().minus(outage.killAt()).toMillis(),
				callerOpenAt.minus(outage.healthyAt()).toMillis(), providerOpenAt.minus(outage.healthyAt()).toMillis(),
				outage.providerRegisteredAt().minus(providerOpenAt).toMillis(),
				firstSuccess.minus(outage.healthyAt()).toMillis(),
				count(firstTwoSeconds, failedWith(RpcNoProviderException.class)), firstTwoSeconds.size(),
				this.ledger.outcomes());
		assertThat(inFlight).isNotEmpty()
			.allSatisfy((call) -> assertThat(call.outcome()).isIn(CallRecord.SUCCESS,
					RpcConnectionLostException.class.getSimpleName()));
		assertThat(inFlightSettled).isLessThanOrEqualTo(Duration.ofMillis(200));
		assertThat(duringOutage).isNotEmpty()
			.allSatisfy((call) -> assertThat(call.failure()).isInstanceOf(RpcNotConnectedException.class));
		assertThat(maxLatency(duringOutage)).isLessThanOrEqualTo(Duration.ofMillis(50));
		assertThat(callerOpenAt.minus(outage.healthyAt())).isLessThanOrEqualTo(Duration.ofMillis(1500));
		assertThat(providerOpenAt.minus(outage.healthyAt())).isLessThanOrEqualTo(Duration.ofMillis(1500));
		assertThat(outage.providerRegisteredAt().minus(providerOpenAt)).isLessThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(firstSuccess.minus(outage.healthyAt())).isLessThanOrEqualTo(Duration.ofSeconds(2));
		assertThat(count(firstTwoSeconds, failedWith(RpcNoProviderException.class))).isZero();
		this.ledger.assertInvariants((callId) -> callId, baseline);
	}

	private Outage killUnderLoad() {
		DeepstreamServer server = this.deepstream.server();
		ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor();
		ThreadPoolExecutor providerThreads = FaultProfile.providerExecutor("s1-provider");
		StateRecorder callerStates = new StateRecorder(this.ledger::now);
		StateRecorder providerStates = new StateRecorder(this.ledger::now);
		try (DeepstreamRpcClient provider = connect(client().providerExecutor(providerThreads), providerStates);
				DeepstreamRpcClient caller = connect(client().noProviderRetryWindow(Duration.ofSeconds(2)),
						callerStates);
				CallLoad load = startLoadAfterProviding(provider, echo(answers, 100), caller)) {
			await().atMost(Duration.ofSeconds(5)).until(() -> this.ledger.issuedCount() >= 300);
			Duration killAt = this.ledger.now();
			server.kill();
			FaultProfile.awaitMoment(this.ledger, killAt.plus(OUTAGE));
			Duration restartAt = this.ledger.now();
			server.restart();
			Duration healthyAt = this.ledger.now();
			Duration registeredAt = awaitRegistered(provider);
			load.awaitFinished(Duration.ofSeconds(15));
			this.ledger.awaitAllCompleted(Duration.ofSeconds(5));
			return new Outage(killAt, restartAt, healthyAt, callerStates, providerStates, registeredAt);
		}
		finally {
			answers.shutdownNow();
			providerThreads.shutdownNow();
		}
	}

	private CallLoad startLoadAfterProviding(DeepstreamRpcClient provider, RpcRequestHandler echo,
			DeepstreamRpcClient caller) {
		provider.provide(ECHO, echo).join();
		return CallLoad.start(this.ledger, caller, ECHO, "s1", 150, 1500, Duration.ofSeconds(9));
	}

	@Test
	void callsMadeDuringAnOutageInWaitForConnectionModeAreSentOnlyAfterTheNextLogin() {
		ResourceBaseline baseline = FaultProfile.settledBaseline();
		Map<String, Duration> executedAt = new ConcurrentHashMap<>();
		Burst burst = burstDuringOutage(executedAt);
		List<CallRecord> calls = this.ledger.calls();
		List<CallRecord> held = calls.stream().filter(burstCall(0, BURST)).toList();
		List<CallRecord> overBound = calls.stream().filter(burstCall(BURST, BURST + OVER_BOUND)).toList();
		Duration reloginAt = burst.caller().first(ConnectionState.OPEN, burst.restartAt()).orElseThrow();
		Optional<Duration> firstExecution = held.stream()
			.map((call) -> executedAt.get(call.id()))
			.filter(Objects::nonNull)
			.min(Comparator.naturalOrder());
		logger.info(
				"Scenario 2 outage in wait-for-connection mode: burst of {} calls (+{} over the bound) issued in"
						+ " {} ms, {} ms into the outage; health OK {} ms after kill, re-login +{} ms after health"
						+ " with {} calls in flight, provider re-registered +{} ms after health and its executor"
						+ " rejected {} requests; first execution after the re-login: {}; held outcomes {} max"
						+ " latency {} ms (deadline {} ms); over-bound outcomes {} max latency {} ms, {} not failed"
						+ " at once",
				held.size(), overBound.size(), burst.issuedIn().toMillis(),
				burst.issuedAt().minus(burst.killAt()).toMillis(), burst.healthyAt().minus(burst.killAt()).toMillis(),
				reloginAt.minus(burst.healthyAt()).toMillis(), burst.inFlightAtLogins(),
				burst.providerRegisteredAt().minus(burst.healthyAt()).toMillis(), burst.providerRejected(),
				firstExecution.map((first) -> first.minus(reloginAt).toMillis() + " ms").orElse("none"), outcomes(held),
				maxLatency(held).toMillis(), FaultProfile.DEADLINE.toMillis(), outcomes(overBound),
				maxLatency(overBound).toMillis(), burst.overBoundNotFailedAtOnce());
		assertThat(held).hasSize(BURST).noneMatch(failedWith(RpcBackpressureException.class));
		assertThat(maxLatency(held)).isLessThanOrEqualTo(FaultProfile.DEADLINE.plus(FaultProfile.LATENESS));
		assertThat(burst.inFlightAtLogins()).hasSize(2).last().isEqualTo(0);
		firstExecution.ifPresent((first) -> assertThat(first).isGreaterThanOrEqualTo(reloginAt));
		assertThat(overBound).hasSize(OVER_BOUND).allMatch(failedWith(RpcBackpressureException.class));
		assertThat(maxLatency(overBound)).isLessThanOrEqualTo(Duration.ofMillis(50));
		assertThat(burst.overBoundNotFailedAtOnce()).isZero();
		this.ledger.assertInvariants((callId) -> callId, baseline);
	}

	private Burst burstDuringOutage(Map<String, Duration> executedAt) {
		DeepstreamServer server = this.deepstream.server();
		AtomicInteger providerRejected = new AtomicInteger();
		ThreadPoolExecutor providerThreads = FaultProfile.refusing(FaultProfile.providerExecutor("s2-provider"),
				providerRejected);
		StateRecorder callerStates = new StateRecorder(this.ledger::now);
		List<Integer> inFlightAtLogins = new CopyOnWriteArrayList<>();
		RpcRequestHandler echo = (request, response) -> {
			String callId = FaultProfile.text(request.data());
			this.ledger.executed(callId);
			executedAt.putIfAbsent(callId, this.ledger.now());
			response.send(callId);
		};
		try (DeepstreamRpcClient provider = connect(client().providerExecutor(providerThreads),
				new StateRecorder(this.ledger::now));
				DeepstreamRpcClient caller = client().waitForConnection(true).maxInFlightCalls(BURST).build()) {
			caller.addConnectionStateListener((previous, current, cause) -> {
				if (current == ConnectionState.OPEN) {
					inFlightAtLogins.add(caller.inFlightCalls());
				}
			});
			caller.addConnectionStateListener(callerStates);
			caller.connect().join();
			provider.provide(ECHO, echo).join();
			for (int i = 0; i < 20; i++) {
				String callId = "warm-" + i;
				this.ledger
					.track(callId, FaultProfile.DEADLINE, () -> caller.make(ECHO, callId).thenApply(FaultProfile::text))
					.join();
			}
			Duration killAt = this.ledger.now();
			server.kill();
			FaultProfile.awaitMoment(this.ledger, killAt.plusSeconds(1));
			Duration issuedAt = this.ledger.now();
			int notAtOnce = 0;
			for (int i = 0; i < BURST + OVER_BOUND; i++) {
				String callId = "burst-" + i;
				boolean done = this.ledger
					.track(callId, FaultProfile.DEADLINE,
							() -> caller.make(ECHO, callId, FaultProfile.DEADLINE).thenApply(FaultProfile::text))
					.isDone();
				notAtOnce += (i >= BURST && !done) ? 1 : 0;
			}
			Duration issuedIn = this.ledger.now().minus(issuedAt);
			FaultProfile.awaitMoment(this.ledger, killAt.plus(OUTAGE));
			Duration restartAt = this.ledger.now();
			server.restart();
			Duration healthyAt = this.ledger.now();
			Duration registeredAt = awaitRegistered(provider);
			this.ledger.awaitAllCompleted(FaultProfile.DEADLINE.plusSeconds(2));
			return new Burst(killAt, issuedAt, issuedIn, restartAt, healthyAt, callerStates,
					List.copyOf(inFlightAtLogins), notAtOnce, registeredAt, providerRejected.get());
		}
		finally {
			providerThreads.shutdownNow();
		}
	}

	@Test
	void longOutageIsRetriedWithoutLimitWithCappedJitteredBackoff() {
		ResourceBaseline baseline = FaultProfile.settledBaseline();
		Outage outage = longOutage();
		List<Duration> attempts = outage.caller()
			.times(ConnectionState.CONNECTING, outage.killAt(), outage.restartAt());
		List<Long> intervals = intervals(attempts);
		List<Long> capped = intervals.subList(Math.min(4, intervals.size()), intervals.size());
		double mean = mean(capped);
		double deviation = standardDeviation(capped);
		Duration reconnectedAt = outage.caller().first(ConnectionState.OPEN, outage.restartAt()).orElseThrow();
		long limit = LONG_OUTAGE.toMillis() / FaultProfile.BACKOFF_CAP.toMillis() + 5;
		logger.info(
				"Scenario 3 long outage of {} s: {} attempts (limit {}), intervals {} ms,"
						+ " at the cap mean {} ms standard deviation {} ms ({} %), health OK {} ms after restart,"
						+ " reconnected +{} ms after health (limit {} ms)",
				LONG_OUTAGE.toSeconds(), attempts.size(), limit, intervals, Math.round(mean), Math.round(deviation),
				Math.round(100 * deviation / mean), outage.healthyAt().minus(outage.restartAt()).toMillis(),
				reconnectedAt.minus(outage.healthyAt()).toMillis(),
				FaultProfile.BACKOFF_CAP.plusMillis(500).toMillis());
		assertThat(attempts).hasSizeLessThanOrEqualTo((int) limit);
		assertThat(capped).hasSizeGreaterThanOrEqualTo(10);
		assertThat(deviation).isGreaterThan(0.1 * mean);
		assertThat(reconnectedAt.minus(outage.healthyAt()))
			.isLessThanOrEqualTo(FaultProfile.BACKOFF_CAP.plusMillis(500));
		this.ledger.assertInvariants((callId) -> callId, baseline);
	}

	private Outage longOutage() {
		DeepstreamServer server = this.deepstream.server();
		StateRecorder states = new StateRecorder(this.ledger::now);
		try (DeepstreamRpcClient client = connect(client(), states)) {
			Duration killAt = this.ledger.now();
			server.kill();
			FaultProfile.awaitMoment(this.ledger, killAt.plus(LONG_OUTAGE));
			Duration restartAt = this.ledger.now();
			server.restart();
			Duration healthyAt = this.ledger.now();
			await().atMost(FaultProfile.BACKOFF_CAP.plusSeconds(5))
				.pollInterval(Duration.ofMillis(5))
				.until(() -> client.state() == ConnectionState.OPEN);
			return new Outage(killAt, restartAt, healthyAt, states, states, healthyAt);
		}
	}

	private Duration awaitRegistered(DeepstreamRpcClient provider) {
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> provider.providers().get(ECHO) == ProviderState.REGISTERED);
		return this.ledger.now();
	}

	private DeepstreamRpcClientBuilder client() {
		return FaultProfile.client(this.deepstream.url());
	}

	private static DeepstreamRpcClient connect(DeepstreamRpcClientBuilder builder, StateRecorder states) {
		DeepstreamRpcClient client = builder.build();
		client.addConnectionStateListener(states);
		client.connect().join();
		return client;
	}

	private RpcRequestHandler echo(ScheduledExecutorService answers, long delayMillis) {
		return (request, response) -> {
			String callId = FaultProfile.text(request.data());
			this.ledger.executed(callId);
			answers.schedule(() -> response.send(callId), delayMillis, TimeUnit.MILLISECONDS);
		};
	}

	private static Predicate<CallRecord> burstCall(int from, int to) {
		return (call) -> {
			if (!call.id().startsWith("burst-")) {
				return false;
			}
			int index = Integer.parseInt(call.id().substring("burst-".length()));
			return index >= from && index < to;
		};
	}

	private static List<Long> intervals(List<Duration> moments) {
		List<Long> intervals = new ArrayList<>();
		for (int i = 1; i < moments.size(); i++) {
			intervals.add(moments.get(i).minus(moments.get(i - 1)).toMillis());
		}
		return intervals;
	}

	private static double mean(List<Long> values) {
		return values.stream().mapToLong(Long::longValue).average().orElse(0);
	}

	private static double standardDeviation(List<Long> values) {
		double mean = mean(values);
		return Math.sqrt(values.stream().mapToDouble((value) -> (value - mean) * (value - mean)).average().orElse(0));
	}

	/**
	 * The moments of one outage and the clients' view of it.
	 */
	record Outage(Duration killAt, Duration restartAt, Duration healthyAt, StateRecorder caller, StateRecorder provider,
			Duration providerRegisteredAt) {
	}

	/**
	 * The moments of the outage with a burst of calls, and how the caller logged in.
	 */
	record Burst(Duration killAt, Duration issuedAt, Duration issuedIn, Duration restartAt, Duration healthyAt,
			StateRecorder caller, List<Integer> inFlightAtLogins, int overBoundNotFailedAtOnce,
			Duration providerRegisteredAt, int providerRejected) {
	}

}
