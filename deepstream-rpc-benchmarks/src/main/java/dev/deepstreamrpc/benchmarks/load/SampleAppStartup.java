package dev.deepstreamrpc.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.test.DeepstreamServer;
import org.jspecify.annotations.Nullable;

/**
 * Starts the sample application's jar against a running server and measures the time from
 * launching its JVM to the first RPC it serves, as a user would see it: once with a plain
 * {@code java -jar}, once the way Spring Boot recommends for fast startup, from the
 * extracted jar with a class data sharing (CDS) archive written by a training run, on the
 * context the build processed ahead of time with the sample's {@code production} profile.
 */
final class SampleAppStartup {

	private final Path logs;

	SampleAppStartup(Path logs) {
		this.logs = logs;
	}

	void run() throws IOException, InterruptedException {
		Path jar = sampleJar();
		if (jar == null) {
			System.out.println("Sample app startup: not measured, no sample-app/target/sample-app-*.jar");
			return;
		}
		try (DeepstreamServer server = DeepstreamServer.builder().start();
				DeepstreamRpcClient caller = DeepstreamRpcClient.builder(server.url()).build()) {
			caller.connect().join();
			List<String> arguments = List.of("--deepstream.rpc.url=" + server.url(), "--server.port=0");
			long plain = millisToFirstRpc(caller, command(List.of(), List.of("-jar", jar.toString()), arguments),
					"sample-app");
			System.out.printf(Locale.ROOT, "Sample app startup to first served RPC, java -jar %s: %d ms%n",
					jar.getFileName(), plain);
			Path extracted = extract(jar);
			Path archive = extracted.resolveSibling("application.jsa");
			List<String> aot = List.of("-Dspring.aot.enabled=true", "-Dspring.profiles.active=production", "-jar",
					extracted.toString());
			run(command(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh"), aot,
					arguments), "sample-app-training");
			long tuned = millisToFirstRpc(caller, command(List.of("-XX:SharedArchiveFile=" + archive), aot, arguments),
					"sample-app-cds-aot");
			System.out.printf(Locale.ROOT,
					"Sample app startup to first served RPC, extracted jar with a CDS archive and AOT: %d ms%n", tuned);
		}
	}

	private long millisToFirstRpc(DeepstreamRpcClient caller, List<String> command, String log)
			throws IOException, InterruptedException {
		long start = System.nanoTime();
		Process app = start(command, log);
		try {
			firstAnswer(caller, start);
			return Duration.ofNanos(System.nanoTime() - start).toMillis();
		}
		finally {
			app.destroy();
			app.waitFor();
		}
	}

	private Path extract(Path jar) throws IOException, InterruptedException {
		Path destination = Files.createTempDirectory(this.logs, "sample-app-");
		run(List.of(JavaLauncher.path(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
				destination.resolve("application").toString()), "sample-app-extract");
		return destination.resolve("application").resolve(jar.getFileName());
	}

	private void run(List<String> command, String log) throws IOException, InterruptedException {
		int exit = start(command, log).waitFor();
		if (exit != 0) {
			throw new IllegalStateException(
					command + " exited with " + exit + ", see " + this.logs.resolve(log + ".log"));
		}
	}

	private Process start(List<String> command, String log) throws IOException {
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.logs.resolve(log + ".log").toFile())
			.start();
	}

	private static List<String> command(List<String> jvmOptions, List<String> launch, List<String> arguments) {
		List<String> command = new ArrayList<>();
		command.add(JavaLauncher.path());
		command.addAll(jvmOptions);
		command.addAll(launch);
		command.addAll(arguments);
		return command;
	}

	private static void firstAnswer(DeepstreamRpcClient caller, long start) throws InterruptedException {
		while (System.nanoTime() - start < Duration.ofSeconds(60).toNanos()) {
			try {
				caller.make("add-two-numbers", Map.of("numA", 1, "numB", 2), Duration.ofSeconds(2))
					.join()
					.as(Integer.class);
				return;
			}
			catch (RuntimeException ex) {
				Thread.sleep(5);
			}
		}
		throw new IllegalStateException("The sample app served no RPC within 60 s");
	}

	private static @Nullable Path sampleJar() throws IOException {
		Path target = Path.of(System.getProperty("benchmarks.sample-app", "sample-app/target"));
		if (!Files.isDirectory(target)) {
			return null;
		}
		try (Stream<Path> files = Files.list(target)) {
			List<Path> jars = files.filter((file) -> file.getFileName().toString().matches("sample-app-.*\\.jar"))
				.toList();
			return jars.isEmpty() ? null : jars.get(0);
		}
	}

}
