package dev.deepstreamrpc.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;

import dev.deepstreamrpc.client.connection.ConnectionState;
import dev.deepstreamrpc.test.DeepstreamServerExtension;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Scenario 15 of RELIABILITY.md against the real server: an argument that cannot become
 * JSON or a name that cannot be an RPC name fails at once on the caller's thread, writes
 * nothing and leaves the connection as it was. Non-finite doubles are not an error: they
 * are sent as the JSON strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"},
 * which a Java provider reads back as the same doubles.
 */
class BadArgumentTests {

	private static final Logger summary = LoggerFactory.getLogger("dev.deepstreamrpc.scenario");

	private static final Duration IMMEDIATE = Duration.ofMillis(10);

	private static final Map<String, String> failures = new ConcurrentSkipListMap<>();

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension.create();

	private final RecordingTransport wire = new RecordingTransport();

	private DeepstreamRpcClient provider;

	private DeepstreamRpcClient caller;

	@BeforeEach
	void connect() {
		this.provider = DeepstreamRpcClient.builder(deepstream.url()).build();
		this.provider.connect().join();
		this.provider.provide("bad/json", (request, response) -> response.send(request.data().json())).join();
		this.provider.provide("bad/numbers", (request, response) -> response.send(request.data().as(Numbers.class)))
			.join();
		this.caller = DeepstreamRpcClient.builder(deepstream.url())
			.transport(this.wire)
			.pingInterval(Duration.ofMinutes(5))
			.build();
		this.caller.connect().join();
		assertThat(this.caller.make("bad/json", "warm-up").join().as(String.class)).isEqualTo("\"warm-up\"");
	}

	@AfterEach
	void close() {
		this.caller.close();
		this.provider.close();
	}

	@AfterAll
	static void report() {
		summary.info(
				"scenario 15 bad arguments: time to fail first/again {} (pass: synchronous, <= {} ms, "
						+ "0 bytes written, next call succeeds); NaN/Infinity sent as JSON strings",
				failures, IMMEDIATE.toMillis());
	}

	@Test
	void unserializableArgumentFailsAtOnceWritingNothing() {
		failsAtOnceWritingNothing("unserializable", () -> this.caller.make("bad/json", new Exploding()),
				RpcSerializationException.class);
	}

	@Test
	void selfReferencingArgumentFailsAtOnceWritingNothing() {
		Node node = new Node();
		node.next = node;
		failsAtOnceWritingNothing("self-reference", () -> this.caller.make("bad/json", node),
				RpcSerializationException.class);
	}

	@Test
	void argumentWithACycleFailsAtOnceWritingNothing() {
		Node first = new Node();
		Node second = new Node();
		first.next = second;
		second.next = first;
		failsAtOnceWritingNothing("cycle", () -> this.caller.make("bad/json", first), RpcSerializationException.class);
		List<Object> containsItself = new ArrayList<>();
		containsItself.add(containsItself);
		failsAtOnceWritingNothing("list-containing-itself", () -> this.caller.make("bad/json", containsItself),
				RpcSerializationException.class);
	}

	@Test
	void nullOrEmptyNameIsRefusedOnTheCallersThread() {
		failsAtOnceWritingNothing("null-name", () -> this.caller.make(null, 1), IllegalArgumentException.class);
		failsAtOnceWritingNothing("empty-name", () -> this.caller.make("", 1), IllegalArgumentException.class);
		failsAtOnceWritingNothing("null-name-provide",
				() -> this.caller.provide(null, (request, response) -> response.send()),
				IllegalArgumentException.class);
	}

	@Test
	void nonFiniteDoublesAreSentAsJsonStringsThatJavaReadsBack() {
		Numbers sent = new Numbers(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
		String json = this.caller.make("bad/json", sent).join().as(String.class);
		assertThat(
				new JacksonPayloadCodec().<Map<String, Object>>decode(json.getBytes(StandardCharsets.UTF_8), Map.class))
			.isEqualTo(Map.of("notANumber", "NaN", "positive", "Infinity", "negative", "-Infinity"));
		assertThat(this.caller.make("bad/numbers", sent).join().as(Numbers.class)).isEqualTo(sent);
	}

	/**
	 * Makes the bad call three times, because the first call of a type also pays for the
	 * JSON library's one-off introspection of that type, and the best of the other two
	 * filters out the scheduler's noise on a shared machine; checks that each failed
	 * before the call returned, wrote nothing and left the connection usable.
	 */
	private void failsAtOnceWritingNothing(String what, Callable<CompletableFuture<?>> call,
			Class<? extends Exception> expected) {
		Duration cold = failsWritingNothing(call, expected);
		Duration again = failsWritingNothing(call, expected);
		Duration warm = Collections.min(List.of(again, failsWritingNothing(call, expected)));
		failures.put(what, cold.toNanos() / 1000 + "/" + warm.toNanos() / 1000 + " us");
		assertThat(cold).as("time to fail the first time").isLessThanOrEqualTo(IMMEDIATE.multipliedBy(5));
		assertThat(warm).as("time to fail").isLessThanOrEqualTo(IMMEDIATE);
		assertThat(this.caller.make("bad/json", what).join().as(String.class)).isEqualTo("\"" + what + "\"");
		assertThat(this.caller.state()).isEqualTo(ConnectionState.OPEN);
	}

	private Duration failsWritingNothing(Callable<CompletableFuture<?>> call, Class<? extends Exception> expected) {
		long bytes = this.wire.bytes();
		long started = System.nanoTime();
		Throwable failure = catchThrowable(() -> {
			CompletableFuture<?> result = call.call();
			assertThat(result).isCompletedExceptionally();
			RealServerRpcTests.outcomeOf(result);
		});
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
		assertThat(failure).isInstanceOf(expected);
		if (failure instanceof DeepstreamRpcException rpc) {
			assertThat(rpc.outcome()).isEqualTo(DeepstreamRpcException.Outcome.NOT_SENT);
		}
		assertThat(this.wire.bytes()).as("bytes written").isEqualTo(bytes);
		return elapsed;
	}

	/**
	 * Doubles that JSON has no literal for.
	 */
	record Numbers(double notANumber, double positive, double negative) {
	}

	/**
	 * A graph node, to build cycles from.
	 */
	static class Node {

		public @Nullable Node next;

		public String name = "node";

	}

	/**
	 * A value whose only property cannot be read.
	 */
	static class Exploding {

		public String getValue() {
			throw new IllegalStateException("cannot be read");
		}

	}

}
