package dev.deepstreamrpc.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.test.DeepstreamInstallation;
import dev.deepstreamrpc.test.DeepstreamServer;

/**
 * The end-to-end load tool of issue 7: starts the real deepstream server, the Java,
 * Spring and JS workers, runs every case for every client, interleaved run by run so that
 * drift of the machine cancels out, and prints the table, the extra measurements and, as
 * the last line, the headline case as JSON.
 */
public final class LoadBenchmark {

	private final Settings settings;

	private final Path logs;

	private final ResultTable table = new ResultTable();

	private final List<Worker> workers = new ArrayList<>();

	private LoadBenchmark(Settings settings, Path logs) {
		this.settings = settings;
		this.logs = logs;
	}

	/**
	 * Runs the tool.
	 * @param args {@code --quick} for short runs; {@code --in-flight-only} or
	 * {@code --startup-only} for one of the extra measurements
	 * @throws Exception if a process cannot be started or misbehaves
	 */
	public static void main(String[] args) throws Exception {
		boolean quick = List.of(args).contains("--quick");
		Settings settings = quick ? new Settings(1, 500, 1000, 2000) : new Settings(5, 800, 1500, 3000);
		Path logs = Files.createTempDirectory("deepstream-rpc-benchmarks-");
		System.out.println("Logs of the worker processes: " + logs);
		if (List.of(args).contains("--in-flight-only")) {
			new InFlightMeasurement(logs).run(100_000);
		}
		else if (List.of(args).contains("--startup-only")) {
			new SampleAppStartup(logs).run();
		}
		else {
			new LoadBenchmark(settings, logs).run();
		}
		System.exit(0);
	}

	private void run() throws IOException, InterruptedException {
		String headline;
		try (DeepstreamServer server = DeepstreamServer.builder().start()) {
			String url = server.url().toString();
			System.out.printf(Locale.ROOT, "deepstream server 7.0.2 pid %d at %s, log level WARN, log %s%n",
					server.pid(), url, server.logFile());
			Worker java = javaWorker("java", JavaWorker.class, url, "java", 4);
			Worker javaNetty = javaWorker("java-netty", JavaWorker.class, url, "javanetty", 4, "netty");
			Worker spring = javaWorker("spring", SpringWorker.class, url, "spring", 4);
			Worker springIo = javaWorker("spring-io", SpringWorker.class, url, "springio", 4, "io-thread");
			Worker js = nodeWorker("js", server.installation(), url, "js", 4);
			for (Worker worker : this.workers) {
				worker.expect("ready", 120);
			}
			awaitProviders(url, "java", "javanetty", "spring", "springio", "js");
			List<ClientPair> pairs = List.of(new ClientPair(ResultTable.JAVA, java, "java", java),
					new ClientPair(ResultTable.JAVA_NETTY, javaNetty, "javanetty", javaNetty),
					new ClientPair(ResultTable.JS, js, "js", js), new ClientPair("Spring", spring, "spring", spring),
					new ClientPair("Spring I/O", springIo, "springio", springIo),
					new ClientPair("JS>Java", js, "java", js, java), new ClientPair("Java>JS", java, "js", java, js));
			warmUp(pairs, server.pid());
			for (int round = 0; round < this.settings.rounds(); round++) {
				for (LoadCase loadCase : LoadCase.ALL) {
					for (ClientPair pair : ordered(pairs, round)) {
						this.table.add(loadCase, pair.label(), measure(List.of(pair.requestor()),
								loadCase.target(pair.prefix()), loadCase, server.pid(), pair.cpuPids()));
					}
				}
			}
			System.out.println();
			System.out.print(this.table.table());
			System.out.println();
			serverCeiling(server, js);
			headline = this.table.headlineJson();
		}
		finally {
			this.workers.forEach(Worker::close);
		}
		new InFlightMeasurement(this.logs).run(100_000);
		new SampleAppStartup(this.logs).run();
		System.out.println(headline);
	}

	private void warmUp(List<ClientPair> pairs, long serverPid) {
		for (ClientPair pair : pairs) {
			measureOnce(List.of(pair.requestor()), LoadCase.HEADLINE.target(pair.prefix()), LoadCase.HEADLINE,
					serverPid, pair.cpuPids(), this.settings.firstWarmupMillis());
		}
	}

	private static List<ClientPair> ordered(List<ClientPair> pairs, int round) {
		List<ClientPair> ordered = new ArrayList<>(pairs);
		if (round % 2 == 1) {
			java.util.Collections.reverse(ordered);
		}
		return ordered;
	}

	private Sample measure(List<Worker> requestors, String target, LoadCase loadCase, long serverPid, long[] cpuPids) {
		return measureOnce(requestors, target, loadCase, serverPid, cpuPids, this.settings.warmupMillis());
	}

	private Sample measureOnce(List<Worker> requestors, String target, LoadCase loadCase, long serverPid,
			long[] cpuPids, long warmupMillis) {
		int inFlight = Math.max(1, loadCase.inFlight() / requestors.size());
		for (Worker requestor : requestors) {
			requestor.send("run " + target + " " + inFlight + " " + loadCase.payloadBytes() + " " + warmupMillis + " "
					+ this.settings.measureMillis());
		}
		requestors.forEach((requestor) -> requestor.expect("warm", 300));
		long clientBefore = ProcessCpu.nanos(cpuPids);
		long serverBefore = ProcessCpu.nanos(serverPid);
		requestors.forEach((requestor) -> requestor.send("go"));
		List<RunResult> results = requestors.stream()
			.map((requestor) -> RunResult.parse(requestor.expect("result", 300)))
			.toList();
		long clientCpu = ProcessCpu.nanos(cpuPids) - clientBefore;
		long serverCpu = ProcessCpu.nanos(serverPid) - serverBefore;
		return new Sample(combine(results), clientCpu, serverCpu);
	}

	private static RunResult combine(List<RunResult> results) {
		if (results.size() == 1) {
			return results.get(0);
		}
		return new RunResult(results.stream().mapToLong(RunResult::calls).sum(),
				results.stream().mapToLong(RunResult::errors).sum(),
				results.stream().mapToLong(RunResult::wallNanos).max().orElse(0),
				results.stream().mapToLong(RunResult::p50).max().orElse(0),
				results.stream().mapToLong(RunResult::p90).max().orElse(0),
				results.stream().mapToLong(RunResult::p99).max().orElse(0),
				results.stream().mapToLong(RunResult::max).max().orElse(0));
	}

	private void serverCeiling(DeepstreamServer server, Worker js) {
		int processes = 3;
		List<Worker> requestors = new ArrayList<>();
		for (int i = 1; i <= processes; i++) {
			requestors.add(nodeWorker("js-requestor-" + i, server.installation(), server.url().toString(), "none", 0));
		}
		requestors.forEach((requestor) -> requestor.expect("ready", 120));
		LoadCase saturating = new LoadCase("server ceiling", 512, 16, 4);
		long[] pids = new long[processes + 1];
		for (int i = 0; i < processes; i++) {
			pids[i] = requestors.get(i).pid();
		}
		pids[processes] = js.pid();
		measureOnce(requestors, saturating.target("js"), saturating, server.pid(), pids,
				this.settings.firstWarmupMillis());
		List<Sample> samples = new ArrayList<>();
		for (int round = 0; round < Math.min(3, this.settings.rounds()); round++) {
			samples.add(measure(requestors, saturating.target("js"), saturating, server.pid(), pids));
		}
		Summary ceiling = Summary.of(samples);
		Summary java = this.table.summary(LoadCase.ALL.get(2), ResultTable.JAVA);
		Summary javaNetty = this.table.summary(LoadCase.ALL.get(2), ResultTable.JAVA_NETTY);
		System.out.printf(Locale.ROOT,
				"Server ceiling: %d JS requestor processes, 512 calls in flight in total, 4 JS providers: %.0f calls/s, "
						+ "server CPU %.1f us/call, errors %d; Java client at 512 in flight: %.0f calls/s = %.0f %% of it"
						+ " (Netty transport: %.0f calls/s = %.0f %%)%n",
				processes, ceiling.callsPerSecond(), ceiling.serverCpuMicros(), ceiling.errors(), java.callsPerSecond(),
				100 * java.callsPerSecond() / ceiling.callsPerSecond(), javaNetty.callsPerSecond(),
				100 * javaNetty.callsPerSecond() / ceiling.callsPerSecond());
		Summary large = this.table.summary(LoadCase.ALL.get(5), ResultTable.JAVA);
		Summary largeJs = this.table.summary(LoadCase.ALL.get(5), ResultTable.JS);
		System.out.printf(Locale.ROOT,
				"256 KB echoed at 16 in flight: Java %.0f calls/s (%.1f MB/s each way), JS %.0f calls/s, ratio %.2f%n",
				large.callsPerSecond(), large.callsPerSecond() * 256 / 1024, largeJs.callsPerSecond(),
				large.callsPerSecond() / largeJs.callsPerSecond());
		requestors.forEach(Worker::close);
	}

	private void awaitProviders(String url, String... prefixes) throws InterruptedException {
		try (DeepstreamRpcClient probe = DeepstreamRpcClient.builder(url).build()) {
			probe.connect().join();
			for (String prefix : prefixes) {
				for (String name : List.of(prefix + "-1", prefix + "-4")) {
					awaitProvider(probe, name);
				}
			}
		}
	}

	private static void awaitProvider(DeepstreamRpcClient probe, String name) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (true) {
			try {
				probe.make(name, "x").join();
				return;
			}
			catch (RuntimeException ex) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("RPC '" + name + "' is not provided", ex);
				}
				Thread.sleep(20);
			}
		}
	}

	private Worker javaWorker(String name, Class<?> main, String url, String prefix, int providers, String... options) {
		List<String> command = new ArrayList<>(List.of(JavaLauncher.path(), "-cp",
				System.getProperty("java.class.path"), main.getName(), url, prefix, Integer.toString(providers)));
		command.addAll(List.of(options));
		return add(Worker.start(name, command, Map.of(), this.logs.resolve(name + ".log")));
	}

	private Worker nodeWorker(String name, DeepstreamInstallation installation, String url, String prefix,
			int providers) {
		Path script = Path.of(System.getProperty("benchmarks.dir", "benchmarks"), "load-worker.cjs").toAbsolutePath();
		Map<String, String> environment = Map.of("NODE_PATH",
				installation.directory().resolve("node_modules").toString());
		return add(Worker.start(name,
				List.of(installation.node().toString(), script.toString(), url, prefix, Integer.toString(providers)),
				environment, this.logs.resolve(name + ".log")));
	}

	private Worker add(Worker worker) {
		this.workers.add(worker);
		return worker;
	}

	/**
	 * How long the tool measures.
	 *
	 * @param rounds how many times each client runs each case
	 * @param warmupMillis calls made before each measured run
	 * @param measureMillis the measured time of each run
	 * @param firstWarmupMillis the warm-up of each client before the first round
	 */
	record Settings(int rounds, long warmupMillis, long measureMillis, long firstWarmupMillis) {

		boolean quick() {
			return this.rounds == 1;
		}

	}

	/**
	 * A requestor process calling the providers of a name prefix, and the processes whose
	 * CPU time counts for it.
	 */
	private record ClientPair(String label, Worker requestor, String prefix, Worker... cpu) {

		long[] cpuPids() {
			return java.util.Arrays.stream(this.cpu).mapToLong(Worker::pid).toArray();
		}

	}

}
