package dev.deepstreamrpc.client.fault;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.DeepstreamRpcClientBuilder;
import dev.deepstreamrpc.client.DeepstreamRpcException;
import dev.deepstreamrpc.client.Payload;
import dev.deepstreamrpc.client.connection.ReconnectBackoff;
import dev.deepstreamrpc.test.CallLedger;
import dev.deepstreamrpc.test.DeepstreamServerBuilder;
import dev.deepstreamrpc.test.ResourceBaseline;

import static org.awaitility.Awaitility.await;

/**
 * The server and client settings that the fault scenarios of the reliability notes
 * (section e) are specified with, and the ledger they are judged by, in one place so that
 * every scenario and every provider process measures against the same numbers.
 */
final class FaultProfile {

	static final Duration ACK_TIMEOUT = Duration.ofMillis(1000);

	static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(3000);

	static final Duration HEARTBEAT_INTERVAL = Duration.ofMillis(2000);

	static final Duration PING_INTERVAL = Duration.ofMillis(500);

	static final Duration DEAD_AFTER = Duration.ofMillis(1000);

	static final Duration BACKOFF_INITIAL = Duration.ofMillis(100);

	static final Duration BACKOFF_CAP = Duration.ofSeconds(1);

	static final Duration DEADLINE = ACK_TIMEOUT.plus(RESPONSE_TIMEOUT).plusMillis(500);

	/**
	 * How late after its deadline, or after a server timeout, an outcome may arrive.
	 */
	static final Duration LATENESS = Duration.ofMillis(250);

	static final int MAX_IN_FLIGHT = 20_000;

	static final int MAX_MESSAGE_SIZE = 65_536;

	private FaultProfile() {
	}

	static void server(DeepstreamServerBuilder server) {
		server.ackTimeout(ACK_TIMEOUT)
			.responseTimeout(RESPONSE_TIMEOUT)
			.heartbeatInterval(HEARTBEAT_INTERVAL)
			.maxMessageSize(MAX_MESSAGE_SIZE);
	}

	static DeepstreamRpcClientBuilder client(URI url) {
		return DeepstreamRpcClient.builder(url)
			.pingInterval(PING_INTERVAL)
			.deadAfter(DEAD_AFTER)
			.reconnectBackoff(ReconnectBackoff.exponential(BACKOFF_INITIAL, BACKOFF_CAP))
			.serverTimeouts(ACK_TIMEOUT, RESPONSE_TIMEOUT)
			.defaultDeadline(DEADLINE)
			.maxInFlightCalls(MAX_IN_FLIGHT)
			.maxMessageSize(MAX_MESSAGE_SIZE);
	}

	/**
	 * A bounded provider executor that refuses work when full, so that the client rejects
	 * the request and the server re-routes it.
	 * @param name the thread name prefix
	 * @param threads the number of threads
	 * @param queue the number of requests that may wait for a thread
	 * @return the executor, which the caller shuts down
	 */
	static ThreadPoolExecutor providerExecutor(String name, int threads, int queue) {
		AtomicInteger count = new AtomicInteger();
		return new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(queue),
				(runnable) -> {
					Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
	}

	/**
	 * The provider executor of the reliability notes: 64 threads and a queue of 256.
	 * @param name the thread name prefix
	 * @return the executor, which the caller shuts down
	 */
	static ThreadPoolExecutor providerExecutor(String name) {
		return providerExecutor(name, 64, 256);
	}

	/**
	 * Makes an executor count the work it refuses, still refusing it with
	 * {@link RejectedExecutionException} so that the client rejects the request.
	 * @param executor the executor
	 * @param rejections counts the refusals
	 * @return the same executor
	 */
	static ThreadPoolExecutor refusing(ThreadPoolExecutor executor, AtomicInteger rejections) {
		executor.setRejectedExecutionHandler((task, pool) -> {
			rejections.incrementAndGet();
			throw new RejectedExecutionException("provider saturated");
		});
		return executor;
	}

	/**
	 * A ledger that requires every failure to be one of the client's exceptions and every
	 * {@code NOT_SENT} failure never to have been executed.
	 * @return a new ledger, whose timeline starts now
	 */
	static CallLedger ledger() {
		return CallLedger.builder()
			.latenessMargin(LATENESS)
			.typedFailures(DeepstreamRpcException.class)
			.notSentWhen((failure) -> failure instanceof DeepstreamRpcException rpc
					&& rpc.outcome() == DeepstreamRpcException.Outcome.NOT_SENT)
			.build();
	}

	/**
	 * Captures the resource baseline once earlier tests' unreachable clients have been
	 * collected, because their HTTP selector threads end only then and would otherwise
	 * end during the scenario and throw the count off.
	 * @return the baseline
	 */
	static ResourceBaseline settledBaseline() {
		AtomicInteger lastCount = new AtomicInteger(-1);
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.during(Duration.ofMillis(300))
			.until(() -> {
				System.gc();
				int threads = ResourceBaseline.liveThreads();
				return lastCount.getAndSet(threads) == threads;
			});
		return ResourceBaseline.capture();
	}

	/**
	 * Waits until the ledger's timeline reaches a moment, so that faults are injected on
	 * a schedule measured on the same clock as the calls.
	 * @param ledger the ledger
	 * @param moment the moment on its timeline
	 */
	static void awaitMoment(CallLedger ledger, Duration moment) {
		Duration left = moment.minus(ledger.now());
		await().atMost(left.isNegative() ? Duration.ofSeconds(1) : left.plusSeconds(1))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> ledger.now().compareTo(moment) >= 0);
	}

	/**
	 * The text an echoing RPC answered, the expected result of every scenario call.
	 * @param payload the answer
	 * @return its text
	 */
	static String text(Payload payload) {
		return String.valueOf(payload.as(String.class));
	}

}
