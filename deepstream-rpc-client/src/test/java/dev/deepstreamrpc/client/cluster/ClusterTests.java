package dev.deepstreamrpc.client.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.DeepstreamRpcException;
import dev.deepstreamrpc.client.Payload;
import dev.deepstreamrpc.client.ProviderState;
import dev.deepstreamrpc.client.RpcRequestHandler;
import dev.deepstreamrpc.client.connection.ConnectionState;
import dev.deepstreamrpc.client.connection.ConnectionStateListener;
import dev.deepstreamrpc.test.CallLedger;
import dev.deepstreamrpc.test.CallRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two deepstream nodes clustered through Redis: a provider on one node serves callers on
 * the other, providers on both nodes share the load, and killing a node moves its clients
 * to the other one with every call getting exactly one outcome.
 * <p>
 * Cluster routing is eventually consistent, so each scenario first waits until its
 * provider answers through the node under test. The node kill runs last, because a killed
 * node stays dead for the rest of the class.
 */
@Tag("cluster")
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTests {

	private static final Logger logger = LoggerFactory.getLogger("dev.deepstreamrpc.scenario");

	private static final String PROBE = "probe";

	private @Nullable Cluster cluster;

	@BeforeAll
	void startCluster() {
		this.cluster = Cluster.start();
	}

	@AfterAll
	void stopCluster() {
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	@Test
	@Order(1)
	void providerOnOneNodeServesCallersOnTheOther() {
		String rpc = "cluster/remote";
		CallLedger ledger = ledger();
		AtomicInteger served = new AtomicInteger();
		try (DeepstreamRpcClient provider = Cluster.client(cluster().nodeA).build();
				DeepstreamRpcClient caller = Cluster.client(cluster().nodeB).build()) {
			provider.connect().join();
			caller.connect().join();
			provider.provide(rpc, echo(ledger, served)).join();
			awaitServed(caller, rpc);
			callConcurrently(ledger, List.of(caller), rpc, "remote", 500, 32);
			ledger.awaitAllCompleted(Cluster.DEADLINE.plusSeconds(1));
		}
		logger.info("Cluster: provider on A, caller on B: {}", ledger.summary());
		assertThat(ledger.outcomes()).containsOnlyKeys(CallRecord.SUCCESS);
		assertThat(served).hasValueGreaterThanOrEqualTo(500);
		ledger.assertInvariants((callId) -> callId);
	}

	@Test
	@Order(2)
	void providersOnBothNodesShareTheLoadOfCallersOnBothNodes() {
		String rpc = "cluster/shared";
		CallLedger ledger = ledger();
		AtomicInteger servedOnA = new AtomicInteger();
		AtomicInteger servedOnB = new AtomicInteger();
		try (DeepstreamRpcClient providerA = Cluster.client(cluster().nodeA).build();
				DeepstreamRpcClient providerB = Cluster.client(cluster().nodeB).build();
				DeepstreamRpcClient callerA = Cluster.client(cluster().nodeA).build();
				DeepstreamRpcClient callerB = Cluster.client(cluster().nodeB).build()) {
			CompletableFuture.allOf(providerA.connect(), providerB.connect(), callerA.connect(), callerB.connect())
				.join();
			providerA.provide(rpc, echo(ledger, servedOnA)).join();
			providerB.provide(rpc, echo(ledger, servedOnB)).join();
			awaitServed(callerA, rpc);
			awaitServed(callerB, rpc);
			servedOnA.set(0);
			servedOnB.set(0);
			callConcurrently(ledger, List.of(callerA, callerB), rpc, "shared", 2000, 64);
			ledger.awaitAllCompleted(Cluster.DEADLINE.plusSeconds(1));
		}
		int total = servedOnA.get() + servedOnB.get();
		logger.info("Cluster: providers and callers on A and B: provider A served {}, provider B served {}; {}",
				servedOnA.get(), servedOnB.get(), ledger.summary());
		assertThat(ledger.outcomes()).containsOnlyKeys(CallRecord.SUCCESS);
		assertThat(total).isEqualTo(2000);
		assertThat(servedOnA.get()).isGreaterThanOrEqualTo(total / 4);
		assertThat(servedOnB.get()).isGreaterThanOrEqualTo(total / 4);
		ledger.assertInvariants((callId) -> callId);
	}

	@Test
	@Order(3)
	void killedNodeMovesItsCallersAndProvidersToTheOtherNode() {
		String rpc = "cluster/failover";
		CallLedger ledger = ledger();
		AtomicInteger served = new AtomicInteger();
		AtomicBoolean providerReopened = new AtomicBoolean();
		AtomicBoolean callerReopened = new AtomicBoolean();
		ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
		Duration killAt;
		Duration servedAgainAt;
		try (DeepstreamRpcClient provider = Cluster.client(cluster().nodeA, cluster().nodeB).build();
				DeepstreamRpcClient callerA = Cluster.client(cluster().nodeA, cluster().nodeB).build();
				DeepstreamRpcClient callerB = Cluster.client(cluster().nodeB, cluster().nodeA).build()) {
			CompletableFuture.allOf(provider.connect(), callerA.connect(), callerB.connect()).join();
			provider.provide(rpc, echo(ledger, served)).join();
			awaitServed(callerA, rpc);
			awaitServed(callerB, rpc);
			AtomicInteger ids = new AtomicInteger();
			load.scheduleAtFixedRate(() -> {
				issue(ledger, callerA, rpc, "failover-a-" + ids.incrementAndGet());
				issue(ledger, callerB, rpc, "failover-b-" + ids.incrementAndGet());
			}, 0, 10, TimeUnit.MILLISECONDS);
			await().atMost(Duration.ofSeconds(10)).until(() -> ledger.issuedCount() >= 300);
			provider.addConnectionStateListener(reopened(providerReopened));
			callerA.addConnectionStateListener(reopened(callerReopened));
			killAt = ledger.now();
			cluster().nodeA.kill();
			await().atMost(Duration.ofSeconds(15))
				.until(() -> providerReopened.get() && callerReopened.get()
						&& provider.providers().get(rpc) == ProviderState.REGISTERED);
			awaitServed(callerA, rpc);
			servedAgainAt = ledger.now();
			Duration stopAt = servedAgainAt.plusSeconds(2);
			await().atMost(Duration.ofSeconds(5)).until(() -> ledger.now().compareTo(stopAt) >= 0);
			load.shutdown();
			await().atMost(Duration.ofSeconds(1)).until(load::isTerminated);
			ledger.awaitAllCompleted(Cluster.DEADLINE.plusSeconds(1));
		}
		finally {
			load.shutdownNow();
		}
		List<CallRecord> afterFailover = ledger.calls()
			.stream()
			.filter((call) -> call.issuedAt().compareTo(servedAgainAt) >= 0)
			.toList();
		logger.info(
				"Cluster: node A killed under load: served again through B {} ms after the kill; {}; "
						+ "{} calls issued after that, outcomes {}",
				servedAgainAt.minus(killAt).toMillis(), ledger.summary(), afterFailover.size(),
				afterFailover.stream().map(CallRecord::outcome).distinct().toList());
		assertThat(afterFailover).hasSizeGreaterThan(100).allMatch(CallRecord::isSuccess);
		ledger.assertInvariants((callId) -> callId);
	}

	private Cluster cluster() {
		return Objects.requireNonNull(this.cluster, "cluster not started");
	}

	private static CallLedger ledger() {
		return CallLedger.builder()
			.typedFailures(DeepstreamRpcException.class)
			.notSentWhen((failure) -> failure instanceof DeepstreamRpcException rpc
					&& rpc.outcome() == DeepstreamRpcException.Outcome.NOT_SENT)
			.build();
	}

	private static RpcRequestHandler echo(CallLedger ledger, AtomicInteger served) {
		return (request, response) -> {
			String callId = text(request.data());
			if (!callId.startsWith(PROBE)) {
				ledger.executed(callId);
				served.incrementAndGet();
			}
			response.send(callId);
		};
	}

	/**
	 * Waits until the RPC answers through the caller's node, which for a provider on
	 * another node happens only once the registration has crossed the cluster.
	 */
	private static void awaitServed(DeepstreamRpcClient caller, String rpc) {
		AtomicInteger probes = new AtomicInteger();
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
			String probe = PROBE + "-" + probes.incrementAndGet();
			return probe.equals(text(caller.make(rpc, probe, Cluster.DEADLINE).get(5, TimeUnit.SECONDS)));
		});
	}

	private static void callConcurrently(CallLedger ledger, List<DeepstreamRpcClient> callers, String rpc,
			String prefix, int calls, int inFlight) {
		Semaphore permits = new Semaphore(inFlight);
		List<CompletableFuture<?>> futures = new ArrayList<>();
		for (int i = 0; i < calls; i++) {
			permits.acquireUninterruptibly();
			DeepstreamRpcClient caller = callers.get(i % callers.size());
			futures
				.add(issue(ledger, caller, rpc, prefix + "-" + i).whenComplete((result, failure) -> permits.release()));
		}
		CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).exceptionally((failure) -> null).join();
	}

	private static CompletableFuture<String> issue(CallLedger ledger, DeepstreamRpcClient caller, String rpc,
			String callId) {
		return ledger.track(callId, Cluster.DEADLINE,
				() -> caller.make(rpc, callId, Cluster.DEADLINE).thenApply(ClusterTests::text));
	}

	private static ConnectionStateListener reopened(AtomicBoolean flag) {
		return (previous, current, cause) -> {
			if (current == ConnectionState.OPEN) {
				flag.set(true);
			}
		};
	}

	private static String text(Payload payload) {
		return String.valueOf(payload.as(String.class));
	}

}
