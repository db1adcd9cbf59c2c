package dev.deepstreamrpc.benchmarks.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.RpcRequestHandler;
import dev.deepstreamrpc.test.DeepstreamServer;
import dev.deepstreamrpc.test.RedisServer;

/**
 * Measures RPC throughput with 256 calls in flight and 16-byte payloads on a two-node
 * deepstream cluster joined through Redis, against everything on one node of it and
 * against a standalone server, running the cases interleaved round by round so that
 * machine drift cancels out.
 * <p>
 * Every case uses two provider clients and two caller clients with 128 calls in flight
 * each, all in this JVM:
 * <ul>
 * <li>{@code standalone}: all four on a server that is not clustered;
 * <li>{@code one-node}: all four on node A of the cluster;
 * <li>{@code two-nodes}: a provider and a caller on each node;
 * <li>{@code cross-node}: both providers on node A, both callers on node B, so every call
 * crosses Redis twice.
 * </ul>
 * Arguments: {@code [rounds] [warmup seconds] [measured seconds]}, default 3, 2 and 8.
 * Prints a table and, as its last line, one JSON object with the median calls per second
 * of each case.
 */
public final class ClusterThroughput {

	private static final int IN_FLIGHT_PER_CALLER = 128;

	private ClusterThroughput() {
	}

	/**
	 * Runs the measurement.
	 * @param args rounds, warmup seconds, measured seconds
	 * @throws Exception if a server cannot start
	 */
	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 3;
		long warmup = TimeUnit.SECONDS.toMillis((args.length > 1) ? Long.parseLong(args[1]) : 2);
		long measured = TimeUnit.SECONDS.toMillis((args.length > 2) ? Long.parseLong(args[2]) : 8);
		try (RedisServer redis = RedisServer.start();
				DeepstreamServer standalone = DeepstreamServer.builder().start();
				DeepstreamServer nodeA = DeepstreamServer.builder().cluster("A", redis).start();
				DeepstreamServer nodeB = DeepstreamServer.builder().cluster("B", redis).start()) {
			Map<String, Placement> cases = new LinkedHashMap<>();
			cases.put("standalone", new Placement(standalone, standalone, standalone, standalone));
			cases.put("one-node", new Placement(nodeA, nodeA, nodeA, nodeA));
			cases.put("two-nodes", new Placement(nodeA, nodeB, nodeA, nodeB));
			cases.put("cross-node", new Placement(nodeA, nodeA, nodeB, nodeB));
			Map<String, List<Saturation.Result>> results = new LinkedHashMap<>();
			for (int round = 1; round <= rounds; round++) {
				for (Map.Entry<String, Placement> entry : cases.entrySet()) {
					String rpc = "bench/" + entry.getKey() + "/" + round;
					Saturation.Result result = run(entry.getValue(), rpc, warmup, measured);
					results.computeIfAbsent(entry.getKey(), (name) -> new ArrayList<>()).add(result);
					System.out.printf(Locale.ROOT, "round %d %-10s %8.0f calls/s, %d errors%n", round, entry.getKey(),
							result.callsPerSecond(), result.errors());
				}
			}
			report(results, rounds, measured);
		}
	}

	private static Saturation.Result run(Placement placement, String rpc, long warmup, long measured)
			throws InterruptedException {
		List<DeepstreamRpcClient> clients = new ArrayList<>();
		try {
			RpcRequestHandler echo = (request, response) -> response.send(request.data().as(String.class));
			for (DeepstreamServer server : List.of(placement.provider1(), placement.provider2())) {
				DeepstreamRpcClient provider = connect(server, clients);
				provider.provide(rpc, echo).join();
			}
			List<DeepstreamRpcClient> callers = List.of(connect(placement.caller1(), clients),
					connect(placement.caller2(), clients));
			for (DeepstreamRpcClient caller : callers) {
				awaitServed(caller, rpc);
			}
			return new Saturation(callers, rpc, IN_FLIGHT_PER_CALLER).measure(warmup, measured);
		}
		finally {
			clients.forEach(DeepstreamRpcClient::close);
		}
	}

	private static DeepstreamRpcClient connect(DeepstreamServer server, List<DeepstreamRpcClient> clients) {
		DeepstreamRpcClient client = DeepstreamRpcClient.builder(server.url()).build();
		clients.add(client);
		client.connect().join();
		return client;
	}

	/**
	 * Waits until the RPC answers through the caller's node: a registration crosses the
	 * cluster a little after its acknowledgement.
	 */
	private static void awaitServed(DeepstreamRpcClient caller, String rpc) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (true) {
			CompletableFuture<String> probe = caller.make(rpc, Saturation.DATA)
				.thenApply((payload) -> payload.as(String.class));
			try {
				if (Saturation.DATA.equals(probe.get(5, TimeUnit.SECONDS))) {
					return;
				}
			}
			catch (Exception ex) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("RPC " + rpc + " was not served within 10 s", ex);
				}
				TimeUnit.MILLISECONDS.sleep(50);
			}
		}
	}

	private static void report(Map<String, List<Saturation.Result>> results, int rounds, long measured) {
		System.out.printf(Locale.ROOT,
				"%nCluster throughput, 256 calls in flight, 16-byte payloads, %d rounds of %d s " + "(%d cores)%n",
				rounds, measured / 1000, Runtime.getRuntime().availableProcessors());
		System.out.printf(Locale.ROOT, "%-12s %12s %12s %12s %8s %10s%n", "case", "median/s", "min/s", "max/s",
				"errors", "vs 1 node");
		double oneNode = median(results.get("one-node"));
		StringBuilder json = new StringBuilder("{");
		for (Map.Entry<String, List<Saturation.Result>> entry : results.entrySet()) {
			double[] rates = entry.getValue()
				.stream()
				.mapToDouble(Saturation.Result::callsPerSecond)
				.sorted()
				.toArray();
			long errors = entry.getValue().stream().mapToLong(Saturation.Result::errors).sum();
			double median = median(entry.getValue());
			System.out.printf(Locale.ROOT, "%-12s %12.0f %12.0f %12.0f %8d %9.2fx%n", entry.getKey(), median, rates[0],
					rates[rates.length - 1], errors, median / oneNode);
			json.append((json.length() > 1) ? ", " : "")
				.append('"')
				.append(entry.getKey().replace('-', '_'))
				.append("_rps\": ")
				.append(Math.round(median));
		}
		System.out.println(json.append('}'));
	}

	private static double median(List<Saturation.Result> results) {
		double[] rates = results.stream().mapToDouble(Saturation.Result::callsPerSecond).sorted().toArray();
		int middle = rates.length / 2;
		return (rates.length % 2 == 1) ? rates[middle] : (rates[middle - 1] + rates[middle]) / 2;
	}

	/**
	 * Which server each client connects to.
	 *
	 * @param provider1 the first provider's server
	 * @param provider2 the second provider's server
	 * @param caller1 the first caller's server
	 * @param caller2 the second caller's server
	 */
	private record Placement(DeepstreamServer provider1, DeepstreamServer provider2, DeepstreamServer caller1,
			DeepstreamServer caller2) {
	}

}
