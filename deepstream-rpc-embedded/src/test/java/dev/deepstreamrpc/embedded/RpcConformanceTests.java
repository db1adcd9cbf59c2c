package dev.deepstreamrpc.embedded;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.ProviderOptions;
import dev.deepstreamrpc.client.RpcAuthenticationException;
import dev.deepstreamrpc.client.RpcNoProviderException;
import dev.deepstreamrpc.client.RpcRemoteException;
import dev.deepstreamrpc.client.RpcRequestHandler;
import dev.deepstreamrpc.client.RpcTimeoutException;
import dev.deepstreamrpc.test.DeepstreamUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.deepstreamrpc.embedded.ConformanceSettings.ACK_TIMEOUT;
import static dev.deepstreamrpc.embedded.ConformanceSettings.CALLER;
import static dev.deepstreamrpc.embedded.ConformanceSettings.PROVIDER;
import static dev.deepstreamrpc.embedded.ConformanceSettings.RESPONSE_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * RPC behaviour as the project's Java client sees it, run unchanged against the embedded
 * server and the real deepstream 7.0.2 server configured alike
 * ({@link ConformanceSettings}), so that both must produce the same outcomes.
 */
abstract class RpcConformanceTests {

	private static final Duration TIMING_TOLERANCE = Duration.ofMillis(400);

	private final List<DeepstreamRpcClient> clients = new CopyOnWriteArrayList<>();

	/**
	 * The server under test.
	 * @return its binary WebSocket endpoint
	 */
	abstract URI url();

	@AfterEach
	void closeClients() {
		this.clients.forEach(DeepstreamRpcClient::close);
	}

	@Test
	void everyJsonTypeRoundTripsIncludingNoValue() {
		provided(provider(), "echo/json", (request, response) -> {
			if (request.data().isPresent()) {
				response.send(request.data().as(Object.class));
			}
			else {
				response.send();
			}
		});
		DeepstreamRpcClient caller = caller();
		List<Object> values = new ArrayList<>();
		values.add(Map.of("nested", Map.of("list", List.of(1, 2.5, "x"))));
		values.add(List.of(true, false));
		values.add("héllo ☃ \uD83D\uDE80 \"quoted\"");
		values.add("");
		values.add(0);
		values.add(-12.75);
		values.add(false);
		values.add(null);
		for (Object value : values) {
			assertThat(caller.make("echo/json", value).join().as(Object.class)).isEqualTo(value);
		}
		assertThat(caller.make("echo/json").join().isPresent()).isFalse();
		assertThat(caller.make("echo/json", null).join().json()).isEqualTo("null");
	}

	@Test
	void providerErrorReachesTheCaller() {
		provided(provider(), "fail/vote", (request, response) -> response.error("You can only vote once"));
		assertThatExceptionOfType(RpcRemoteException.class).isThrownBy(() -> outcomeOf(caller().make("fail/vote", 1)))
			.satisfies((ex) -> assertThat(ex.error().as(String.class)).isEqualTo("You can only vote once"));
	}

	@Test
	void clientIsServedByItsOwnProvider() {
		DeepstreamRpcClient client = caller();
		provided(client, "self/echo", (request, response) -> response.send(request.data().as(String.class)));
		assertThat(client.make("self/echo", "me").join().as(String.class)).isEqualTo("me");
	}

	@Test
	void callsAreSpreadOverEveryProvider() {
		Set<String> servedBy = ConcurrentHashMap.newKeySet();
		for (String name : List.of("a", "b", "c")) {
			provided(provider(), "spread/x", (request, response) -> response.send(name));
		}
		DeepstreamRpcClient caller = caller();
		for (int i = 0; i < 90 && servedBy.size() < 3; i++) {
			servedBy.add(caller.make("spread/x").join().as(String.class));
		}
		assertThat(servedBy).containsExactlyInAnyOrder("a", "b", "c");
	}

	@Test
	void rejectedRequestIsReroutedToAnotherProvider() {
		AtomicInteger rejections = new AtomicInteger();
		provided(provider(), "reroute/x", ProviderOptions.defaults().withAutoAck(false), (request, response) -> {
			rejections.incrementAndGet();
			response.reject();
		});
		provided(provider(), "reroute/x", (request, response) -> response.send("served"));
		DeepstreamRpcClient caller = caller();
		for (int i = 0; i < 12; i++) {
			assertThat(caller.make("reroute/x").join().as(String.class)).isEqualTo("served");
		}
		assertThat(rejections).hasPositiveValue();
	}

	@Test
	void whenEveryProviderRejectsEachIsTriedOnceAndThereIsNoProvider() {
		AtomicInteger first = new AtomicInteger();
		AtomicInteger second = new AtomicInteger();
		provided(provider(), "reject/all", ProviderOptions.defaults().withAutoAck(false), rejecting(first));
		provided(provider(), "reject/all", ProviderOptions.defaults().withAutoAck(false), rejecting(second));
		assertThatExceptionOfType(RpcNoProviderException.class)
			.isThrownBy(() -> outcomeOf(caller().make("reject/all")));
		assertThat(first).hasValue(1);
		assertThat(second).hasValue(1);
	}

	private static RpcRequestHandler rejecting(AtomicInteger counter) {
		return (request, response) -> {
			counter.incrementAndGet();
			response.reject();
		};
	}

	@Test
	void unknownNameHasNoProvider() {
		assertThatExceptionOfType(RpcNoProviderException.class)
			.isThrownBy(() -> outcomeOf(caller().make("nobody/home", Map.of("x", 1))));
	}

	@Test
	void unprovidedNameIsNoLongerServed() {
		DeepstreamRpcClient provider = provider();
		provided(provider, "gone/soon", (request, response) -> response.send("here"));
		DeepstreamRpcClient caller = caller();
		assertThat(caller.make("gone/soon").join().as(String.class)).isEqualTo("here");
		provider.unprovide("gone/soon").join();
		assertThatExceptionOfType(RpcNoProviderException.class).isThrownBy(() -> outcomeOf(caller.make("gone/soon")));
	}

	@Test
	void providerThatNeverAcceptsTimesOutAfterTheAckTimeout() {
		provided(provider(), "silent/noack", ProviderOptions.defaults().withAutoAck(false), (request, response) -> {
		});
		long start = System.nanoTime();
		assertThatExceptionOfType(RpcTimeoutException.class).isThrownBy(() -> outcomeOf(caller().make("silent/noack")))
			.satisfies((ex) -> {
				assertThat(ex.phase()).isEqualTo(RpcTimeoutException.Phase.ACCEPT);
				assertThat(ex.reportedByServer()).isTrue();
			});
		assertTookAbout(start, ACK_TIMEOUT);
	}

	@Test
	void providerThatAcceptsButNeverAnswersTimesOutAfterTheResponseTimeout() {
		provided(provider(), "silent/noresponse", (request, response) -> {
		});
		long start = System.nanoTime();
		assertThatExceptionOfType(RpcTimeoutException.class)
			.isThrownBy(() -> outcomeOf(caller().make("silent/noresponse")))
			.satisfies((ex) -> {
				assertThat(ex.phase()).isEqualTo(RpcTimeoutException.Phase.RESPONSE);
				assertThat(ex.reportedByServer()).isTrue();
			});
		assertTookAbout(start, RESPONSE_TIMEOUT);
	}

	@Test
	void providerSeesTheRequestorsNameAndClientData() {
		provided(provider(), "who/am-i", (request, response) -> response
			.send(Map.of("name", request.requestorName(), "data", request.requestorData().as(Map.class))));
		Map<?, ?> who = caller().make("who/am-i").join().as(Map.class);
		assertThat(who.get("name")).isEqualTo("caller");
		assertThat(who.get("data")).isEqualTo(Map.of("role", "reader"));
	}

	@Test
	void staticUserLogsInAndWrongPasswordIsRefused() {
		assertThat(caller().state().name()).isEqualTo("OPEN");
		DeepstreamRpcClient intruder = track(
				DeepstreamRpcClient.builder(url()).authData(Map.of("username", "caller", "password", "wrong")).build());
		assertThatExceptionOfType(RpcAuthenticationException.class).isThrownBy(() -> outcomeOf(intruder.connect()));
	}

	private static void assertTookAbout(long startNanos, Duration expected) {
		Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
		assertThat(took).isBetween(expected.minusMillis(30), expected.plus(TIMING_TOLERANCE));
	}

	private DeepstreamRpcClient caller() {
		return connected(CALLER);
	}

	private DeepstreamRpcClient provider() {
		return connected(PROVIDER);
	}

	private DeepstreamRpcClient connected(DeepstreamUser user) {
		DeepstreamRpcClient client = track(DeepstreamRpcClient.builder(url())
			.authData(user.authData())
			.serverTimeouts(ACK_TIMEOUT, RESPONSE_TIMEOUT)
			.pingInterval(Duration.ofMillis(250))
			.build());
		client.connect().join();
		return client;
	}

	private DeepstreamRpcClient track(DeepstreamRpcClient client) {
		this.clients.add(client);
		return client;
	}

	private static void provided(DeepstreamRpcClient provider, String name, RpcRequestHandler handler) {
		provided(provider, name, ProviderOptions.defaults(), handler);
	}

	private static void provided(DeepstreamRpcClient provider, String name, ProviderOptions options,
			RpcRequestHandler handler) {
		provider.provide(name, options, handler).join();
	}

	static <T> T outcomeOf(CompletableFuture<T> future) throws Throwable {
		try {
			return future.get(10, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			throw ex.getCause();
		}
	}

}
