package dev.deepstreamrpc.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

/**
 * The command loop of a Java load worker, speaking the same line protocol as
 * {@code benchmarks/load-worker.cjs}: {@code run <target> <inFlight> <payloadBytes>
 * <warmupMs> <measureMs>}, answered by {@code warm}, then {@code go}, answered by a
 * {@code result} line; {@code quit} or the end of input stops the worker.
 * <p>
 * Runs on the worker's main thread only.
 */
final class WorkerLoop {

	private final BiFunction<String, String, CompletableFuture<@Nullable String>> call;

	/**
	 * Creates the loop.
	 * @param call makes one call of the named RPC with the given data
	 */
	WorkerLoop(BiFunction<String, String, CompletableFuture<@Nullable String>> call) {
		this.call = call;
	}

	void run() throws IOException {
		BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		System.out.println("ready");
		System.out.flush();
		String line;
		while ((line = input.readLine()) != null) {
			String[] words = line.trim().split(" ");
			if ("quit".equals(words[0])) {
				return;
			}
			if ("run".equals(words[0])) {
				runCase(words, input);
			}
		}
	}

	private void runCase(String[] words, BufferedReader input) throws IOException {
		String target = words[1];
		int inFlight = Integer.parseInt(words[2]);
		String data = "x".repeat(Math.max(0, Integer.parseInt(words[3]) - 2));
		new ClosedLoop((value) -> this.call.apply(target, value), data, inFlight, false)
			.run(TimeUnit.MILLISECONDS.toNanos(Long.parseLong(words[4])));
		System.out.println("warm");
		System.out.flush();
		String go = input.readLine();
		if (go == null || !go.startsWith("go")) {
			throw new IOException("Expected 'go' but got " + go);
		}
		RunResult result = new ClosedLoop((value) -> this.call.apply(target, value), data, inFlight, true)
			.run(TimeUnit.MILLISECONDS.toNanos(Long.parseLong(words[5])));
		System.out.println(result.line());
		System.out.flush();
	}

}
