package dev.deepstreamrpc.client.fault;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.DeepstreamRpcClientBuilder;
import dev.deepstreamrpc.client.RpcNoProviderException;
import dev.deepstreamrpc.client.RpcRequestHandler;
import dev.deepstreamrpc.client.RpcTimeoutException;
import dev.deepstreamrpc.test.CallLedger;
import dev.deepstreamrpc.test.CallRecord;
import dev.deepstreamrpc.test.DeepstreamServerExtension;
import dev.deepstreamrpc.test.ProviderJvm;
import dev.deepstreamrpc.test.ResourceBaseline;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static dev.deepstreamrpc.client.fault.CallRecords.count;
import static dev.deepstreamrpc.client.fault.CallRecords.failedWith;
import static dev.deepstreamrpc.client.fault.CallRecords.idStartsWith;
import static dev.deepstreamrpc.client.fault.CallRecords.inFlightAt;
import static dev.deepstreamrpc.client.fault.CallRecords.issuedBetween;
import static dev.deepstreamrpc.client.fault.CallRecords.matching;
import static dev.deepstreamrpc.client.fault.CallRecords.maxLatency;
import static dev.deepstreamrpc.client.fault.CallRecords.outcomes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Providers that crash, hang, drown or answer too late (scenarios 9 to 11 of the
 * reliability notes), each test with a server of its own, measured on the call ledger's
 * timeline.
 */
@Tag("fault")
@Timeout(120)
class ProviderFaultTests {

	private static final Logger logger = LoggerFactory.getLogger(ProviderFaultTests.class);

	private static final String[] PROVIDER_JVM_OPTIONS = { "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1" };

	private static final Duration TIMER_TOLERANCE = FaultProfile.LATENESS;

	/**
	 * About a second after the server's response timeout, within the provider's own
	 * expiry of the request one second after that timeout.
	 */
	private static final Duration LATE_ANSWER = FaultProfile.RESPONSE_TIMEOUT.plusMillis(750);

	/**
	 * After the provider's own expiry, so the answer is dropped before it is sent.
	 */
	private static final Duration EXPIRED_ANSWER = FaultProfile.RESPONSE_TIMEOUT.plusMillis(1250);

	@RegisterExtension
	final DeepstreamServerExtension deepstream = DeepstreamServerExtension.create(FaultProfile::server);

	private final CallLedger ledger = FaultProfile.ledger();

	@Test
	void crashedProviderJvmCostsOnlyTheCallsItHeldAndTheSurvivorServesTheRest() {
		ResourceBaseline baseline = FaultProfile.settledBaseline();
		Map<String, String> executedBy = new ConcurrentHashMap<>();
		Duration killAt = crashProviderUnderLoad(executedBy);
		List<CallRecord> calls = this.ledger.calls();
		List<CallRecord> inFlight = inFlightAt(calls, killAt);
		List<CallRecord> affected = matching(calls, failedWith(RpcTimeoutException.class));
		List<CallRecord> afterNotice = issuedBetween(calls, killAt.plusMillis(500), Duration.ofDays(1));
		long servedBySurvivor = count(afterNotice, (call) -> "survivor".equals(executedBy.get(call.id())));
		logger.info(
				"Scenario 9 provider JVM kill -9: issued={} at 100/s, inFlightAtKill={} ({} on the killed JVM),"
						+ " affected={} {} with latencies {} ms (limits {}/{} ms), {} of them issued after the kill;"
						+ " after kill+500 ms {} calls {} of which {} served by the survivor; outcomes {}",
				calls.size(), inFlight.size(), count(inFlight, (call) -> "doomed".equals(executedBy.get(call.id()))),
				affected.size(), phases(affected), affected.stream().map((call) -> call.latency().toMillis()).toList(),
				FaultProfile.RESPONSE_TIMEOUT.plus(TIMER_TOLERANCE).toMillis(),
				FaultProfile.ACK_TIMEOUT.plus(TIMER_TOLERANCE).toMillis(),
				count(affected, (call) -> call.issuedAt().compareTo(killAt) >= 0), afterNotice.size(),
				outcomes(afterNotice), servedBySurvivor, this.ledger.outcomes());
		assertThat(affected).isNotEmpty().hasSizeLessThanOrEqualTo(inFlight.size()).allSatisfy((call) -> {
			RpcTimeoutException timeout = (RpcTimeoutException) call.failure();
			assertThat(timeout.reportedByServer()).isTrue();
			assertThat(call.latency()).isLessThanOrEqualTo(limitOf(timeout).plus(TIMER_TOLERANCE));
			assertThat(executedBy.getOrDefault(call.id(), "doomed")).isEqualTo("doomed");
		});
		assertThat(afterNotice).isNotEmpty().allMatch(CallRecord::isSuccess);
		assertThat(servedBySurvivor).isEqualTo(afterNotice.size());
		this.ledger.assertInvariants((callId) -> callId, baseline);
	}

	private Duration crashProviderUnderLoad(Map<String, String> executedBy) {
		Consumer<String> executions = (line) -> {
			String[] words = line.split(" ");
			if (words.length == 3 && words[0].equals(ProviderMain.EXECUTED)) {
				this.ledger.executed(words[2]);
				executedBy.merge(words[2], words[1], (first, second) -> first + "+" + second);
			}
		};
		try (ProviderJvm doomed = providerJvm("doomed", executions, "fault/work=slow:300");
				ProviderJvm survivor = providerJvm("survivor", executions, "fault/work=slow:300");
				DeepstreamRpcClient caller = connect(client());
				CallLoad load = CallLoad.start(this.ledger, caller, "fault/work", "s9", 100, 800,
						Duration.ofSeconds(8))) {
			await().atMost(Duration.ofSeconds(5)).until(() -> this.ledger.issuedCount() >= 200);
			Duration killAt = this.ledger.now();
			doomed.kill();
			load.awaitFinished(Duration.ofSeconds(15));
			this.ledger.awaitAllCompleted(FaultProfile.DEADLINE.plusSeconds(1));
			return killAt;
		}
	}

	private ProviderJvm providerJvm(String providerId, Consumer<String> lines, String... rpcs) {
		String[] arguments = new String[rpcs.length + 2];
		arguments[0] = this.deepstream.url().toString();
		arguments[1] = providerId;
		System.arraycopy(rpcs, 0, arguments, 2, rpcs.length);
		return ProviderJvm.builder(ProviderMain.class)
			.arguments(arguments)
			.jvmArguments(PROVIDER_JVM_OPTIONS)
			.onLine(lines)
			.start();
	}

	@Test
	void hungHandlerTimesOutForItsCallerIsInterruptedAndOtherNamesKeepAnswering() {
		ResourceBaseline baseline = FaultProfile.settledBaseline();
		Hang hang = hangOneHandler();
		List<CallRecord> calls = this.ledger.calls();
		CallRecord hung = matching(calls, idStartsWith("hung")).get(0);
		List<CallRecord> quick = matching(calls, idStartsWith("quick"));
		Duration freedAfter = hang.interruptedAt().minus(hang.startedAt());
		Duration quickP99 = this.ledger.successLatencyPercentile(99);
		logger.info(
				"Scenario 10 hung provider: caller got {} after {} ms (limit {} ms), handler interrupted {} ms after"
						+ " it started (limit {} ms + {} ms timer tolerance), {} still serving after; other name"
						+ " {} calls {} p50 {} ms p99 {} ms max {} ms",
				hung.outcome(), hung.latency().toMillis(),
				FaultProfile.RESPONSE_TIMEOUT.plus(TIMER_TOLERANCE).toMillis(), freedAfter.toMillis(),
				FaultProfile.RESPONSE_TIMEOUT.plusSeconds(1).toMillis(), TIMER_TOLERANCE.toMillis(),
				hang.servingAfter(), quick.size(), outcomes(quick), this.ledger.successLatencyPercentile(50).toMillis(),
				quickP99.toMillis(), maxLatency(quick).toMillis());
		assertThat(hung.failure()).isInstanceOfSatisfying(RpcTimeoutException.class,
				(timeout) -> assertThat(timeout.phase()).isEqualTo(RpcTimeoutException.Phase.RESPONSE));
		assertThat(hung.latency()).isLessThanOrEqualTo(FaultProfile.RESPONSE_TIMEOUT.plus(TIMER_TOLERANCE));
		assertThat(freedAfter).isLessThanOrEqualTo(FaultProfile.RESPONSE_TIMEOUT.plusSeconds(1).plus(TIMER_TOLERANCE));
		assertThat(hang.servingAfter()).isZero();
		assertThat(quick).hasSizeGreaterThan(100).allMatch(CallRecord::isSuccess);
		assertThat(quickP99).isLessThan(Duration.ofMillis(100));
		this.ledger.assertInvariants((callId) -> callId, baseline);
	}

	private Hang hangOneHandler() {
		ThreadPoolExecutor providerThreads = FaultProfile.providerExecutor("s10-provider");
		AtomicReference<Duration> startedAt = new AtomicReference<>();
		AtomicReference<Duration> interruptedAt = new AtomicReference<>();
		RpcRequestHandler hangs = (request, response) -> {
			this.ledger.executed(FaultProfile.text(request.data()));
			startedAt.set(this.ledger.now());
			try {
				new CountDownLatch(1).await();
			}
			catch (InterruptedException ex) {
				interruptedAt.set(this.ledger.now());
			}
		};
		try (DeepstreamRpcClient provider = connect(client().providerExecutor(providerThreads));
				DeepstreamRpcClient caller = connect(client())) {
			provider.provide("fault/hung", hangs).join();
			provider.provide("fault/quick", echo()).join();
			this.ledger.track("hung", FaultProfile.DEADLINE,
					() -> caller.make("fault/hung", "hung").thenApply(FaultProfile::text));
			try (CallLoad quick = CallLoad.start(this.ledger, caller, "fault/quick", "quick", 50, 250,
					Duration.ofSeconds(5))) {
				await().atMost(FaultProfile.RESPONSE_TIMEOUT.plusSeconds(3)).until(() -> interruptedAt.get() != null);
				quick.awaitFinished(Duration.ofSeconds(10));
			}
			this.ledger.awaitAllCompleted(FaultProfile.DEADLINE);
			return new Hang(startedAt.get(), interruptedAt.get(), provider.servingRequests());
		}
		finally {
			providerThreads.shutdownNow();
		}
	}

	@Test
	void saturatedProvidersRejectSoTheServerReroutesOrReportsNoProviderButNeverTimesOut() {
		ResourceBaseline baseline = FaultProfile.settledBaseline();
		Map<String, String> servedBy = new ConcurrentHashMap<>();
		Saturation saturation = saturate(servedBy);
		List<CallRecord> calls = this.ledger.calls();
		List<CallRecord> noProvider = matching(calls, failedWith(RpcNoProviderException.class));
		long servedBySmall = servedBy.values().stream().filter("small"::equals).count();
		logger.info(
				"Scenario 10 saturated providers (2+2 and 4+4 threads+queue, {} calls at once): outcomes {},"
						+ " served {} by the small and {} by the large provider, rejected {} by the small and {} by"
						+ " the large executor, NO_RPC_PROVIDER max latency {} ms, ACCEPT_TIMEOUT {}",
				calls.size(), outcomes(calls), servedBySmall, servedBy.size() - servedBySmall,
				saturation.smallRejected(), saturation.largeRejected(), maxLatency(noProvider).toMillis(),
				count(calls, failedWith(RpcTimeoutException.class)));
		assertThat(count(calls, failedWith(RpcTimeoutException.class))).isZero();
		assertThat(calls).allMatch((call) -> call.isSuccess() || call.failure() instanceof RpcNoProviderException);
		assertThat(servedBy).hasSize(12).containsValues("small", "large");
		assertThat(noProvider).hasSize(calls.size() - 12);
		assertThat(saturation.smallRejected()).isPositive();
		assertThat(saturation.largeRejected()).isPositive();
		assertThat(maxLatency(noProvider)).isLessThan(FaultProfile.ACK_TIMEOUT);
		this.ledger.assertInvariants((callId) -> callId, baseline);
	}

	private Saturation saturate(Map<String, String> servedBy) {
		AtomicInteger smallRejected = new AtomicInteger();
		AtomicInteger largeRejected = new AtomicInteger();
		ThreadPoolExecutor small = FaultProfile.refusing(FaultProfile.providerExecutor("s10-small", 2, 2),
				smallRejected);
		ThreadPoolExecutor large = FaultProfile.refusing(FaultProfile.providerExecutor("s10-large", 4, 4),
				largeRejected);
		CountDownLatch release = new CountDownLatch(1);
		try (DeepstreamRpcClient smallProvider = connect(client().providerExecutor(small));
				DeepstreamRpcClient largeProvider = connect(client().providerExecutor(large));
				DeepstreamRpcClient caller = connect(client())) {
			smallProvider.provide("fault/busy", busy("small", release, servedBy)).join();
			largeProvider.provide("fault/busy", busy("large", release, servedBy)).join();
			for (int i = 0; i < 40; i++) {
				String callId = "busy-" + i;
				this.ledger.track(callId, FaultProfile.DEADLINE,
						() -> caller.make("fault/busy", callId).thenApply(FaultProfile::text));
			}
			await().atMost(FaultProfile.ACK_TIMEOUT.plusSeconds(2))
				.until(() -> this.ledger.pendingCount() == smallProvider.servingRequests()
						+ largeProvider.servingRequests());
			release.countDown();
			this.ledger.awaitAllCompleted(FaultProfile.DEADLINE);
			return new Saturation(smallRejected.get(), largeRejected.get());
		}
		finally {
			release.countDown();
			small.shutdownNow();
			large.shutdownNow();
		}
	}

	private RpcRequestHandler busy(String providerId, CountDownLatch release, Map<String, String> servedBy) {
		return (request, response) -> {
			String callId = FaultProfile.text(request.data());
			this.ledger.executed(callId);
			servedBy.put(callId, providerId);
			release.await(FaultProfile.RESPONSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			response.send(callId);
		};
	}

	@Test
	void lateAnswerGivesTheCallerExactlyOneTimeoutAndIsCountedQuietlyByTheProvider() {
		ResourceBaseline baseline = FaultProfile.settledBaseline();
		List<Throwable> answerFailures = new CopyOnWriteArrayList<>();
		Late late = answerLate(answerFailures);
		List<CallRecord> calls = this.ledger.calls();
		logger.info(
				"Scenario 11 slow provider: outcomes {} with latencies {} ms (limit {} ms); provider counted {}"
						+ " unexpected replies for 3 answers sent {} ms and 3 answers sent {} ms after the request"
						+ " (its own expiry is at {} ms); caller counted {}; {} exceptions from answering",
				outcomes(calls), calls.stream().map((call) -> call.latency().toMillis()).toList(),
				FaultProfile.RESPONSE_TIMEOUT.plus(TIMER_TOLERANCE).toMillis(), late.providerUnexpected(),
				LATE_ANSWER.toMillis(), EXPIRED_ANSWER.toMillis(),
				FaultProfile.RESPONSE_TIMEOUT.plusSeconds(1).toMillis(), late.callerUnexpected(),
				answerFailures.size());
		assertThat(calls).hasSize(6).allSatisfy((call) -> {
			assertThat(call.completions()).isOne();
			assertThat(call.failure()).isInstanceOfSatisfying(RpcTimeoutException.class, (timeout) -> {
				assertThat(timeout.reportedByServer()).isTrue();
				assertThat(timeout.phase()).isEqualTo(RpcTimeoutException.Phase.RESPONSE);
			});
			assertThat(call.latency()).isLessThanOrEqualTo(FaultProfile.RESPONSE_TIMEOUT.plus(TIMER_TOLERANCE));
		});
		assertThat(late.providerUnexpected()).isEqualTo(3);
		assertThat(late.callerUnexpected()).isZero();
		assertThat(answerFailures).isEmpty();
		this.ledger.assertInvariants((callId) -> callId, baseline);
	}

	private Late answerLate(List<Throwable> answerFailures) {
		ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor();
		CountDownLatch answered = new CountDownLatch(6);
		try (DeepstreamRpcClient provider = connect(client()); DeepstreamRpcClient caller = connect(client())) {
			provider.provide("fault/late", answerAfter(LATE_ANSWER, answers, answered, answerFailures)).join();
			provider.provide("fault/expired", answerAfter(EXPIRED_ANSWER, answers, answered, answerFailures)).join();
			for (int i = 0; i < 3; i++) {
				for (String name : List.of("late", "expired")) {
					String callId = name + "-" + i;
					this.ledger.track(callId, FaultProfile.DEADLINE,
							() -> caller.make("fault/" + name, callId).thenApply(FaultProfile::text));
				}
			}
			this.ledger.awaitAllCompleted(FaultProfile.DEADLINE.plusSeconds(1));
			await().atMost(Duration.ofSeconds(5)).until(() -> answered.getCount() == 0);
			await().atMost(Duration.ofSeconds(2)).until(() -> provider.unexpectedReplies() >= 3);
			await().during(Duration.ofMillis(300))
				.atMost(Duration.ofSeconds(2))
				.until(() -> provider.unexpectedReplies() == 3);
			return new Late(provider.unexpectedReplies(), caller.unexpectedReplies());
		}
		finally {
			answers.shutdownNow();
		}
	}

	private RpcRequestHandler answerAfter(Duration delay, ScheduledExecutorService answers, CountDownLatch answered,
			List<Throwable> failures) {
		return (request, response) -> {
			String callId = FaultProfile.text(request.data());
			this.ledger.executed(callId);
			answers.schedule(() -> {
				try {
					response.send(callId);
				}
				catch (Throwable ex) {
					failures.add(ex);
				}
				finally {
					answered.countDown();
				}
			}, delay.toMillis(), TimeUnit.MILLISECONDS);
		};
	}

	private RpcRequestHandler echo() {
		return (request, response) -> {
			String callId = FaultProfile.text(request.data());
			this.ledger.executed(callId);
			response.send(callId);
		};
	}

	private DeepstreamRpcClientBuilder client() {
		return FaultProfile.client(this.deepstream.url());
	}

	private static DeepstreamRpcClient connect(DeepstreamRpcClientBuilder builder) {
		DeepstreamRpcClient client = builder.build();
		client.connect().join();
		return client;
	}

	private static Duration limitOf(RpcTimeoutException timeout) {
		return (timeout.phase() == RpcTimeoutException.Phase.ACCEPT) ? FaultProfile.ACK_TIMEOUT
				: FaultProfile.RESPONSE_TIMEOUT;
	}

	private static Map<RpcTimeoutException.Phase, Long> phases(List<CallRecord> timeouts) {
		Map<RpcTimeoutException.Phase, Long> phases = new EnumMap<>(RpcTimeoutException.Phase.class);
		timeouts.forEach((call) -> phases.merge(((RpcTimeoutException) call.failure()).phase(), 1L, Long::sum));
		return phases;
	}

	/**
	 * When a hung handler started and was interrupted, and how many requests its provider
	 * still served afterwards.
	 */
	record Hang(Duration startedAt, Duration interruptedAt, int servingAfter) {
	}

	/**
	 * How many requests each saturated provider's executor refused.
	 */
	record Saturation(int smallRejected, int largeRejected) {
	}

	/**
	 * How many unexpected replies each side counted.
	 */
	record Late(long providerUnexpected, long callerUnexpected) {
	}

}
