package dev.deepstreamrpc.benchmarks.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.RpcResponse;
import dev.deepstreamrpc.test.DeepstreamServer;

/**
 * Puts 100,000 calls in flight at once from one client in a child JVM with a 256 MB heap,
 * against a provider in this JVM that holds every answer until all requests have arrived,
 * on a server of its own whose ack and response timeouts allow for the provider to work
 * through a burst of 100,000 requests.
 */
final class InFlightMeasurement {

	private final Path logs;

	InFlightMeasurement(Path logs) {
		this.logs = logs;
	}

	void run(int count) throws InterruptedException {
		Queue<Runnable> held = new ConcurrentLinkedQueue<>();
		AtomicInteger received = new AtomicInteger();
		try (DeepstreamServer server = DeepstreamServer.builder()
			.ackTimeout(Duration.ofMinutes(1))
			.responseTimeout(Duration.ofMinutes(3))
			.start();
				DeepstreamRpcClient provider = DeepstreamRpcClient.builder(server.url())
					.providerExecutor(Runnable::run)
					.serverTimeouts(Duration.ofMinutes(1), Duration.ofMinutes(3))
					.build()) {
			provider.connect().join();
			provider.provide("held-echo", (request, response) -> {
				Integer value = request.data().as(Integer.class);
				held.add(() -> send(response, value));
				received.incrementAndGet();
			}).join();
			try (Worker probe = Worker.start("in-flight",
					List.of(JavaLauncher.path(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
							InFlightProbe.class.getName(), server.url().toString(), "held-echo",
							Integer.toString(count)),
					Map.of(), this.logs.resolve("in-flight.log"))) {
				probe.expect("sent", 120);
				long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
				while (received.get() < count && System.nanoTime() < deadline) {
					Thread.sleep(10);
				}
				int arrived = received.get();
				probe.send("measure");
				String[] retained = probe.expect("retained", 120).split(" ");
				Runnable answer;
				while ((answer = held.poll()) != null) {
					answer.run();
				}
				String[] done = probe.expect("done", 300).split(" ");
				System.out.printf(Locale.ROOT,
						"%,d calls in flight at once from one client (-Xmx256m): %,d held at the provider, %s correct, "
								+ "%s failed, %s ms in all; %s bytes retained per in-flight call%n",
						count, arrived, done[1], done[2], done[3], retained[1]);
			}
		}
	}

	private static void send(RpcResponse response, Integer value) {
		response.send(value);
	}

}
