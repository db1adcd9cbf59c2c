package dev.deepstreamrpc.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.test.DeepstreamServer;
import org.jspecify.annotations.Nullable;

/**
 * Starts the sample application's jar against a running server and measures the time from
 * launching its JVM to the first RPC it serves, as a user would see it.
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
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			long start = System.nanoTime();
			Process app = new ProcessBuilder(java, "-jar", jar.toString(), "--deepstream.rpc.url=" + server.url(),
					"--server.port=0")
				.redirectErrorStream(true)
				.redirectOutput(this.logs.resolve("sample-app.log").toFile())
				.start();
			try {
				Integer sum = firstAnswer(caller, start);
				long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
				System.out.printf(Locale.ROOT,
						"Sample app startup to first served RPC (add-two-numbers = %s): %d ms (java -jar %s)%n", sum,
						millis, jar.getFileName());
			}
			finally {
				app.destroy();
				app.waitFor();
			}
		}
	}

	private static Integer firstAnswer(DeepstreamRpcClient caller, long start) throws InterruptedException {
		while (System.nanoTime() - start < Duration.ofSeconds(60).toNanos()) {
			try {
				return caller.make("add-two-numbers", Map.of("numA", 1, "numB", 2), Duration.ofSeconds(2))
					.join()
					.as(Integer.class);
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
