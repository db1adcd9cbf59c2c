package dev.deepstreamrpc.client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.deepstreamrpc.client.connection.ConnectionState;
import dev.deepstreamrpc.client.transport.JdkWebSocketTransport;
import dev.deepstreamrpc.client.transport.Transport;
import dev.deepstreamrpc.wire.RpcAction;
import dev.deepstreamrpc.test.DeepstreamServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Scenario 13 of RELIABILITY.md against the real server: a payload beyond the server's
 * maximum message size fails alone, on the side that would have sent it, and everything
 * else on the same connection carries on. Without the client's check the server would
 * close the whole connection with code 1009.
 */
class OversizePayloadTests {

	private static final Logger summary = LoggerFactory.getLogger("dev.deepstreamrpc.scenario");

	private static final int MAX_MESSAGE_SIZE = 64 * 1024;

	private static final String OVERSIZE = "x".repeat(70_000);

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension
		.create((server) -> server.maxMessageSize(MAX_MESSAGE_SIZE));

	private final List<DeepstreamRpcClient> clients = new CopyOnWriteArrayList<>();

	private final AtomicInteger disconnects = new AtomicInteger();

	@AfterEach
	void closeClients() {
		this.clients.forEach(DeepstreamRpcClient::close);
	}

	@Test
	void oversizeRequestFailsBeforeAnythingIsWrittenWhileConcurrentCallsSucceed() throws Exception {
		DeepstreamRpcClient provider = connected(new JdkWebSocketTransport());
		provider.provide("oversize/echo", (request, response) -> response.send(request.data().as(String.class))).join();
		RecordingTransport wire = new RecordingTransport();
		DeepstreamRpcClient caller = connected(wire);
		assertThat(caller.make("oversize/echo", "warm-up").join().as(String.class)).isEqualTo("warm-up");

		long bytesBefore = wire.bytes();
		long started = System.nanoTime();
		CompletableFuture<Payload> alone = caller.make("oversize/echo", OVERSIZE);
		Duration failedAfter = Duration.ofNanos(System.nanoTime() - started);
		assertThat(alone).isCompletedExceptionally();
		assertThatExceptionOfType(RpcPayloadTooLargeException.class)
			.isThrownBy(() -> RealServerRpcTests.outcomeOf(alone))
			.satisfies((ex) -> assertThat(ex.outcome()).isEqualTo(DeepstreamRpcException.Outcome.NOT_SENT));
		assertThat(wire.bytes()).as("bytes written by the oversize call").isEqualTo(bytesBefore);

		List<CompletableFuture<Payload>> normal = new CopyOnWriteArrayList<>();
		List<CompletableFuture<Payload>> oversize = new CopyOnWriteArrayList<>();
		callConcurrently(caller, normal, oversize);
		for (int i = 0; i < normal.size(); i++) {
			assertThat(normal.get(i).join().as(String.class)).startsWith("call-");
		}
		assertThat(normal).hasSize(100);
		assertThat(oversize).isNotEmpty()
			.allSatisfy((call) -> assertThatExceptionOfType(RpcPayloadTooLargeException.class)
				.isThrownBy(() -> RealServerRpcTests.outcomeOf(call)));
		assertThat(wire.rpcMessages(RpcAction.REQUEST, "oversize/echo"))
			.allSatisfy((request) -> assertThat(request.getData()).isNotEqualTo(OVERSIZE));
		assertThat(wire.largestFrame()).isLessThan(MAX_MESSAGE_SIZE);
		assertThat(this.disconnects).hasValue(0);
		assertThat(caller.state()).isEqualTo(ConnectionState.OPEN);
		String serverLog = Files.readString(deepstream.server().logFile(), StandardCharsets.UTF_8);
		assertThat(serverLog).doesNotContain("Max payload size exceeded");
		summary.info("scenario 13 oversize request: failed locally in {} us with 0 bytes written; "
				+ "{}/100 concurrent normal calls succeeded next to {} oversize ones; largest frame written {} B; "
				+ "{} disconnects (pass: NOT_SENT before writing, 0 failures, 0 disconnects)",
				failedAfter.toNanos() / 1000,
				normal.stream().filter((call) -> !call.isCompletedExceptionally()).count(), oversize.size(),
				wire.largestFrame(), this.disconnects.get());
	}

	@Test
	void oversizeResponseReachesTheCallerAsARemoteErrorAtOnce() {
		DeepstreamRpcClient provider = connected(new JdkWebSocketTransport());
		provider
			.provide("oversize/reply",
					(request, response) -> response
						.send(request.data().isPresent() ? request.data().as(String.class) : "y".repeat(70_000)))
			.join();
		DeepstreamRpcClient caller = connected(new JdkWebSocketTransport());
		assertThat(caller.make("oversize/reply", "warm-up").join().as(String.class)).isEqualTo("warm-up");
		long started = System.nanoTime();
		assertThatExceptionOfType(RpcRemoteException.class)
			.isThrownBy(() -> RealServerRpcTests.outcomeOf(caller.make("oversize/reply")))
			.satisfies((ex) -> assertThat(ex.error().as(String.class)).isEqualTo("RESPONSE_TOO_LARGE"));
		Duration failedAfter = Duration.ofNanos(System.nanoTime() - started);
		assertThat(failedAfter).isLessThanOrEqualTo(Duration.ofMillis(200));
		assertThat(caller.make("oversize/reply", "after").join().as(String.class)).isEqualTo("after");
		assertThat(this.disconnects).hasValue(0);
		summary.info(
				"scenario 13 oversize response: caller got RpcRemoteException(RESPONSE_TOO_LARGE) in {} ms, "
						+ "{} disconnects (pass: <= 200 ms, not a response timeout, 0 disconnects)",
				failedAfter.toMillis(), this.disconnects.get());
	}

	private void callConcurrently(DeepstreamRpcClient caller, List<CompletableFuture<Payload>> normal,
			List<CompletableFuture<Payload>> oversize) throws Exception {
		int threads = 4;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> callers = new ArrayList<>();
			for (int thread = 0; thread < threads; thread++) {
				int first = thread * 25;
				callers.add(pool.submit(() -> {
					start.await();
					for (int i = first; i < first + 25; i++) {
						normal.add(caller.make("oversize/echo", "call-" + i + "-" + "n".repeat(1000)));
						if (i % 10 == 5) {
							oversize.add(caller.make("oversize/echo", OVERSIZE));
						}
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> submitted : callers) {
				submitted.get();
			}
		}
		finally {
			pool.shutdown();
		}
	}

	private DeepstreamRpcClient connected(Transport transport) {
		DeepstreamRpcClient client = DeepstreamRpcClient.builder(deepstream.url())
			.transport(transport)
			.maxMessageSize(MAX_MESSAGE_SIZE)
			.pingInterval(Duration.ofMinutes(5))
			.build();
		this.clients.add(client);
		client.addConnectionStateListener((previous, current, cause) -> {
			if (previous == ConnectionState.OPEN) {
				this.disconnects.incrementAndGet();
			}
		});
		client.connect().join();
		return client;
	}

}
