package dev.deepstreamrpc.benchmarks.load;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.Payload;

/**
 * A child JVM (run with a small heap) that puts many calls in flight at once from one
 * client, reports the heap they retain while a provider holds every answer back, and then
 * checks that each call got its own answer.
 * <p>
 * Protocol: prints {@code sent}, waits for {@code measure}, prints {@code retained
 * <bytesPerCall> <bytes>}, then prints {@code done <correct> <failed> <millis>}.
 */
public final class InFlightProbe {

	private InFlightProbe() {
	}

	/**
	 * Runs the probe.
	 * @param args the server URL, the RPC name and the number of calls
	 * @throws Exception if the probe fails
	 */
	public static void main(String[] args) throws Exception {
		int count = Integer.parseInt(args[2]);
		BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		try (DeepstreamRpcClient client = DeepstreamRpcClient.builder(args[0])
			.maxInFlightCalls(count)
			.defaultDeadline(Duration.ofMinutes(3))
			.build()) {
			client.connect().join();
			long before = usedHeap();
			long start = System.nanoTime();
			@SuppressWarnings("unchecked")
			CompletableFuture<Payload>[] calls = new CompletableFuture[count];
			for (int i = 0; i < count; i++) {
				calls[i] = client.make(args[1], i);
			}
			System.out.println("sent " + client.inFlightCalls());
			System.out.flush();
			input.readLine();
			long retained = usedHeap() - before;
			System.out.println("retained " + retained / count + " " + retained);
			System.out.flush();
			int correct = 0;
			int failed = 0;
			for (int i = 0; i < count; i++) {
				try {
					Integer value = calls[i].join().as(Integer.class);
					if (value != null && value == i) {
						correct++;
					}
					else {
						failed++;
					}
				}
				catch (RuntimeException ex) {
					if (failed++ < 3) {
						System.err.println("call " + i + " failed: " + ex);
					}
				}
			}
			System.out.println(
					"done " + correct + " " + failed + " " + Duration.ofNanos(System.nanoTime() - start).toMillis());
			System.out.flush();
		}
	}

	private static long usedHeap() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

}
