package dev.deepstreamrpc.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.deepstreamrpc.test.DeepstreamServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many calls at once from many threads through one client (RELIABILITY.md scenario 12).
 */
class ConcurrentCallsTests {

	private static final int CALLS = 10_000;

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension.create();

	private final List<DeepstreamRpcClient> clients = new ArrayList<>();

	private final ExecutorService callers = Executors.newFixedThreadPool(64);

	@AfterEach
	void close() {
		this.callers.shutdownNow();
		this.clients.forEach(DeepstreamRpcClient::close);
	}

	@Test
	void tenThousandConcurrentCallsFromManyThreadsAllGetTheirOwnAnswer() throws Exception {
		for (int i = 0; i < 2; i++) {
			connected(DeepstreamRpcClient.builder(deepstream.url())).provide("load/square",
					(request, response) -> CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS).execute(() -> {
						long number = request.data().as(Long.class);
						response.send(number * number);
					}))
				.join();
		}
		DeepstreamRpcClient caller = connected(DeepstreamRpcClient.builder(deepstream.url())
			.maxInFlightCalls(CALLS)
			.defaultDeadline(Duration.ofSeconds(30)));
		List<CompletableFuture<CompletableFuture<Payload>>> issued = new ArrayList<>();
		for (long i = 0; i < CALLS; i++) {
			long number = i;
			issued.add(CompletableFuture.supplyAsync(() -> caller.make("load/square", number), this.callers));
		}
		List<CompletableFuture<Payload>> calls = new ArrayList<>();
		for (CompletableFuture<CompletableFuture<Payload>> call : issued) {
			calls.add(call.get(30, TimeUnit.SECONDS));
		}
		for (int i = 0; i < CALLS; i++) {
			assertThat(calls.get(i).get(30, TimeUnit.SECONDS).as(Long.class)).isEqualTo((long) i * i);
		}
		assertThat(caller.inFlightCalls()).isZero();
		assertThat(caller.unexpectedReplies()).isZero();
	}

	private DeepstreamRpcClient connected(DeepstreamRpcClientBuilder builder) {
		DeepstreamRpcClient client = builder.build();
		this.clients.add(client);
		client.connect().join();
		return client;
	}

}
