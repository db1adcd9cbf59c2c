package dev.deepstreamrpc.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.deepstreamrpc.client.connection.ConnectionState;
import dev.deepstreamrpc.client.transport.JdkWebSocketTransport;
import dev.deepstreamrpc.client.transport.Transport;
import dev.deepstreamrpc.test.DeepstreamServerExtension;
import dev.deepstreamrpc.test.DeepstreamUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The full RPC semantics against a real deepstream 7.0.2 server with short timeouts, file
 * authentication and permissions, over the transport that {@link #transport()} chooses so
 * that another transport can be held to the same behaviour.
 */
class RealServerRpcTests {

	static final Duration ACK_TIMEOUT = Duration.ofMillis(500);

	static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(1500);

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension
		.create((server) -> server.ackTimeout(ACK_TIMEOUT)
			.responseTimeout(RESPONSE_TIMEOUT)
			.provideRequestorName(true)
			.provideRequestorData(true)
			.user(DeepstreamUser.of("caller", "caller-secret").withClientData(Map.of("role", "reader")))
			.user(DeepstreamUser.of("provider", "provider-secret"))
			.rpcPermission("*", true, true)
			.rpcPermission("denied/*", true, false)
			.rpcPermission("noprovide/*", false, true));

	private final List<DeepstreamRpcClient> clients = new CopyOnWriteArrayList<>();

	@AfterEach
	void closeClients() {
		this.clients.forEach(DeepstreamRpcClient::close);
	}

	@Test
	void providerAnswersACaller() {
		DeepstreamRpcClient provider = provider();
		provided(provider, "math/add", (request, response) -> {
			Sum sum = request.data().as(Sum.class);
			response.send(sum.numA() + sum.numB());
		});
		assertThat(caller().make("math/add", new Sum(7, 13)).join().as(Integer.class)).isEqualTo(20);
	}

	@Test
	void handlersRunOffTheConnectionThread() {
		DeepstreamRpcClient provider = provider();
		provided(provider, "thread/name", (request, response) -> response.send(Thread.currentThread().getName()));
		assertThat(caller().make("thread/name").join().as(String.class)).startsWith("deepstream-rpc-provider-");
	}

	@Test
	void providerSeesTheRequestorThatTheServerReports() {
		provided(provider(), "who/am-i", (request, response) -> response
			.send(Map.of("name", request.requestorName(), "data", request.requestorData().as(Map.class))));
		Map<?, ?> who = caller().make("who/am-i").join().as(Map.class);
		assertThat(who.get("name")).isEqualTo("caller");
		assertThat(who.get("data")).isEqualTo(Map.of("role", "reader"));
	}

	@Test
	void callsAreSpreadOverSeveralProviders() {
		Set<String> servedBy = ConcurrentHashMap.newKeySet();
		for (String name : List.of("a", "b", "c")) {
			provided(provider(), "spread/x", (request, response) -> response.send(name));
		}
		DeepstreamRpcClient caller = caller();
		for (int i = 0; i < 60 && servedBy.size() < 3; i++) {
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
		for (int i = 0; i < 10; i++) {
			assertThat(caller.make("reroute/x").join().as(String.class)).isEqualTo("served");
		}
		assertThat(rejections).hasPositiveValue();
	}

	@Test
	void whenEveryProviderRejectsThereIsNoProvider() {
		provided(provider(), "reject/all", ProviderOptions.defaults().withAutoAck(false),
				(request, response) -> response.reject());
		provided(provider(), "reject/all", ProviderOptions.defaults().withAutoAck(false),
				(request, response) -> response.reject());
		assertThatExceptionOfType(RpcNoProviderException.class).isThrownBy(() -> outcomeOf(caller().make("reject/all")))
			.withMessageContaining("'reject/all'");
	}

	@Test
	void callsMadeJustAfterLoginWaitForProvidersThatRegisterMomentsLater() {
		DeepstreamRpcClient caller = track(builder().authData(DeepstreamUser.of("caller", "caller-secret").authData())
			.noProviderRetryWindow(Duration.ofSeconds(3))
			.build());
		caller.connect().join();
		CompletableFuture<Payload> early = caller.make("late/provider", "early");
		assertThatExceptionOfType(RpcNoProviderException.class)
			.isThrownBy(() -> outcomeOf(caller().make("late/provider", "without retry")));
		provided(provider(), "late/provider", (request, response) -> response.send(request.data().as(String.class)));
		assertThat(early.join().as(String.class)).isEqualTo("early");
	}

	@Test
	void unknownNameHasNoProvider() {
		assertThatExceptionOfType(RpcNoProviderException.class)
			.isThrownBy(() -> outcomeOf(caller().make("nobody/home", 1)))
			.satisfies((ex) -> assertThat(ex.outcome()).isEqualTo(DeepstreamRpcException.Outcome.NOT_SENT));
	}

	@Test
	void providerErrorReachesTheCallerWithItsMessage() {
		provided(provider(), "vote/count", (request, response) -> response.error("You can only vote once"));
		assertThatExceptionOfType(RpcRemoteException.class).isThrownBy(() -> outcomeOf(caller().make("vote/count", 1)))
			.withMessage("RPC 'vote/count' failed: You can only vote once");
	}

	@Test
	void handlerExceptionBecomesAnError() {
		provided(provider(), "fail/throw", (request, response) -> {
			throw new IllegalStateException("storage unavailable");
		});
		assertThatExceptionOfType(RpcRemoteException.class).isThrownBy(() -> outcomeOf(caller().make("fail/throw")))
			.satisfies((ex) -> assertThat(ex.error().as(String.class)).isEqualTo("storage unavailable"));
	}

	@Test
	void providerWithoutAutoAckAcknowledgesLater() {
		provided(provider(), "resize/image", ProviderOptions.defaults().withAutoAck(false), (request, response) -> {
			CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS).execute(response::ack);
			CompletableFuture.delayedExecutor(ACK_TIMEOUT.toMillis() + 300, TimeUnit.MILLISECONDS)
				.execute(() -> response.send("resized"));
		});
		assertThat(caller().make("resize/image").join().as(String.class)).isEqualTo("resized");
	}

	@Test
	void providerThatNeverAcknowledgesTimesOutInTheAcceptPhase() {
		provided(provider(), "silent/noack", ProviderOptions.defaults().withAutoAck(false), (request, response) -> {
		});
		assertThatExceptionOfType(RpcTimeoutException.class).isThrownBy(() -> outcomeOf(caller().make("silent/noack")))
			.satisfies((ex) -> {
				assertThat(ex.phase()).isEqualTo(RpcTimeoutException.Phase.ACCEPT);
				assertThat(ex.reportedByServer()).isTrue();
			});
	}

	@Test
	void providerThatNeverAnswersTimesOutInTheResponsePhase() {
		List<RpcResponse> unanswered = new CopyOnWriteArrayList<>();
		provided(provider(), "silent/noresponse", (request, response) -> unanswered.add(response));
		assertThatExceptionOfType(RpcTimeoutException.class)
			.isThrownBy(() -> outcomeOf(caller().make("silent/noresponse")))
			.satisfies((ex) -> assertThat(ex.phase()).isEqualTo(RpcTimeoutException.Phase.RESPONSE));
		unanswered.forEach((response) -> response.send("too late"));
	}

	@Test
	void requestsRunningOrQueuedPastTheAckTimeoutAreAcknowledgedInTime() throws Throwable {
		ExecutorService oneThread = Executors.newSingleThreadExecutor();
		try {
			DeepstreamRpcClient provider = track(
					builder().authData(DeepstreamUser.of("provider", "provider-secret").authData())
						.serverTimeouts(ACK_TIMEOUT, RESPONSE_TIMEOUT)
						.providerExecutor(oneThread)
						.build());
			provider.connect().join();
			CountDownLatch release = new CountDownLatch(1);
			provided(provider, "busy/slow", (request, response) -> {
				try {
					release.await();
					response.send(request.data().as(Integer.class));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			DeepstreamRpcClient caller = caller();
			CompletableFuture<Payload> running = caller.make("busy/slow", 1);
			CompletableFuture<Payload> queued = caller.make("busy/slow", 2);
			CompletableFuture.delayedExecutor(ACK_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS)
				.execute(release::countDown);
			assertThat(outcomeOf(running).as(Integer.class)).isEqualTo(1);
			assertThat(outcomeOf(queued).as(Integer.class)).isEqualTo(2);
		}
		finally {
			oneThread.shutdownNow();
		}
	}

	/**
	 * The default pool's queue lets a busy thread take the next request; it must still
	 * give requests held up by blocked handlers to idle threads. The warm-up calls start
	 * every pool thread, so that the blocking calls go through the queue.
	 */
	@Test
	void blockingHandlersOnTheDefaultExecutorRunSideBySide() {
		CountDownLatch allRunning = new CountDownLatch(4);
		DeepstreamRpcClient provider = provider();
		provided(provider, "blocking/together", (request, response) -> {
			allRunning.countDown();
			try {
				response.send(allRunning.await(5, TimeUnit.SECONDS) ? "together" : "alone");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		provided(provider, "blocking/warm-up", (request, response) -> response.send("warm"));
		DeepstreamRpcClient caller = caller();
		for (int i = 0; i < 32; i++) {
			caller.make("blocking/warm-up").join();
		}
		List<CompletableFuture<Payload>> calls = IntStream.range(0, 4)
			.mapToObj((i) -> caller.make("blocking/together"))
			.toList();
		assertThat(calls).allSatisfy((call) -> assertThat(call.join().as(String.class)).isEqualTo("together"));
	}

	@Test
	void hungHandlerExpiresAndIsInterruptedWhileOtherNamesKeepAnswering() {
		CountDownLatch interrupted = new CountDownLatch(1);
		DeepstreamRpcClient provider = provider();
		provided(provider, "hung/forever", (request, response) -> {
			try {
				new CountDownLatch(1).await();
			}
			catch (InterruptedException ex) {
				interrupted.countDown();
			}
		});
		provided(provider, "hung/neighbour", (request, response) -> response.send("still here"));
		DeepstreamRpcClient caller = caller();
		CompletableFuture<Payload> hung = caller.make("hung/forever");
		assertThat(caller.make("hung/neighbour").join().as(String.class)).isEqualTo("still here");
		assertThatExceptionOfType(RpcTimeoutException.class).isThrownBy(() -> outcomeOf(hung));
		await().atMost(RESPONSE_TIMEOUT.plusSeconds(3)).until(() -> interrupted.getCount() == 0);
		assertThat(provider.servingRequests()).isZero();
	}

	@Test
	void callsFailAsAuthenticationFailuresWhileTheLoginIsRefused() {
		DeepstreamRpcClient client = track(
				builder().authData(Map.of("username", "caller", "password", "wrong")).build());
		assertThatExceptionOfType(RpcAuthenticationException.class).isThrownBy(() -> outcomeOf(client.connect()));
		assertThatExceptionOfType(RpcAuthenticationException.class)
			.isThrownBy(() -> outcomeOf(client.make("any/name")));
	}

	@Test
	void lateAnswerIsCountedByTheProviderAndNeverDelivered() {
		DeepstreamRpcClient caller = caller();
		DeepstreamRpcClient provider = provider();
		provided(provider, "late/answer",
				(request, response) -> CompletableFuture
					.delayedExecutor(RESPONSE_TIMEOUT.toMillis() + 200, TimeUnit.MILLISECONDS)
					.execute(() -> response.send("late")));
		assertThatExceptionOfType(RpcTimeoutException.class).isThrownBy(() -> outcomeOf(caller.make("late/answer")));
		await().atMost(Duration.ofSeconds(3)).until(() -> provider.unexpectedReplies() == 1);
		assertThat(caller.inFlightCalls()).isZero();
		assertThat(caller.unexpectedReplies()).isZero();
	}

	@Test
	void clientDeadlineEndsACallTheServerWouldStillWaitFor() {
		provided(provider(), "slow/deadline", (request, response) -> {
		});
		assertThatExceptionOfType(RpcTimeoutException.class)
			.isThrownBy(() -> outcomeOf(caller().make("slow/deadline", null, Duration.ofMillis(200))))
			.satisfies((ex) -> {
				assertThat(ex.reportedByServer()).isFalse();
				assertThat(ex.phase()).isEqualTo(RpcTimeoutException.Phase.RESPONSE);
			});
	}

	@Test
	void unprovidedNameIsNoLongerServed() {
		DeepstreamRpcClient provider = provider();
		provided(provider, "gone/soon", (request, response) -> response.send("here"));
		DeepstreamRpcClient caller = caller();
		assertThat(caller.make("gone/soon").join().as(String.class)).isEqualTo("here");
		provider.unprovide("gone/soon").join();
		assertThatExceptionOfType(RpcNoProviderException.class).isThrownBy(() -> outcomeOf(caller.make("gone/soon")));
		assertThat(provider.providers()).doesNotContainKey("gone/soon");
	}

	@Test
	void deniedRequestFailsAtOnceAsPermissionDenied() {
		provided(provider(), "denied/x", (request, response) -> response.send("never"));
		assertThatExceptionOfType(RpcPermissionDeniedException.class)
			.isThrownBy(() -> outcomeOf(caller().make("denied/x")))
			.satisfies((ex) -> assertThat(ex.rpcName()).isEqualTo("denied/x"));
	}

	@Test
	void deniedProvideIsReportedForThatNameOnly() {
		DeepstreamRpcClient provider = provider();
		CompletableFuture<Void> denied = provider.provide("noprovide/x", (request, response) -> response.send(1));
		provided(provider, "allowed/y", (request, response) -> response.send("y"));
		assertThatExceptionOfType(RpcPermissionDeniedException.class).isThrownBy(() -> outcomeOf(denied));
		assertThat(provider.providers()).containsEntry("noprovide/x", ProviderState.DENIED)
			.containsEntry("allowed/y", ProviderState.REGISTERED);
		assertThat(caller().make("allowed/y").join().as(String.class)).isEqualTo("y");
	}

	@Test
	void refusedLoginNamesTheUserButNotThePassword() {
		DeepstreamRpcClient client = track(
				builder().authData(Map.of("username", "caller", "password", "wrong-secret")).build());
		assertThatExceptionOfType(RpcAuthenticationException.class).isThrownBy(() -> outcomeOf(client.connect()))
			.withMessageContaining("'caller'")
			.withMessageNotContaining("wrong-secret");
		assertThat(client.state()).isEqualTo(ConnectionState.AUTHENTICATION_FAILED);
	}

	@Test
	void everyJsonTypeRoundTrips() {
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
		values.add("héllo ☃ \uD83D\uDE80");
		values.add(0);
		values.add(-12.75);
		values.add(true);
		values.add(null);
		for (Object value : values) {
			assertThat(caller.make("echo/json", value).join().as(Object.class)).isEqualTo(value);
		}
		assertThat(caller.make("echo/json").join().isPresent()).isFalse();
		assertThat(caller.make("echo/json", null).join().isPresent()).isTrue();
	}

	@Test
	void oversizeRequestFailsAloneBeforeAnythingIsSent() {
		provided(provider(), "echo/size", (request, response) -> response.send(request.data().as(String.class)));
		DeepstreamRpcClient caller = track(builder().authData(DeepstreamUser.of("caller", "caller-secret").authData())
			.maxMessageSize(64 * 1024)
			.build());
		caller.connect().join();
		CompletableFuture<Payload> normal = caller.make("echo/size", "small");
		assertThatExceptionOfType(RpcPayloadTooLargeException.class)
			.isThrownBy(() -> outcomeOf(caller.make("echo/size", "x".repeat(70 * 1024))));
		assertThat(normal.join().as(String.class)).isEqualTo("small");
		assertThat(caller.make("echo/size", "after").join().as(String.class)).isEqualTo("after");
		assertThat(caller.state()).isEqualTo(ConnectionState.OPEN);
	}

	@Test
	void callsBeyondTheInFlightBoundFailAtOnce() {
		provided(provider(), "hold/on", ProviderOptions.defaults(),
				(request, response) -> CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS)
					.execute(() -> response.send("done")));
		DeepstreamRpcClient caller = track(builder().authData(DeepstreamUser.of("caller", "caller-secret").authData())
			.maxInFlightCalls(2)
			.build());
		caller.connect().join();
		CompletableFuture<Payload> first = caller.make("hold/on");
		CompletableFuture<Payload> second = caller.make("hold/on");
		assertThatExceptionOfType(RpcBackpressureException.class).isThrownBy(() -> outcomeOf(caller.make("hold/on")));
		assertThat(first.join().as(String.class)).isEqualTo("done");
		assertThat(second.join().as(String.class)).isEqualTo("done");
	}

	@Test
	void concurrencyLimitRejectsSoTheServerReroutes() {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger started = new AtomicInteger();
		RpcRequestHandler blocking = (request, response) -> {
			started.incrementAndGet();
			release.await(5, TimeUnit.SECONDS);
			response.send("limited");
		};
		provided(provider(), "task/limited", ProviderOptions.defaults().withMaxConcurrency(1), blocking);
		provided(provider(), "task/limited", ProviderOptions.defaults().withMaxConcurrency(1), blocking);
		DeepstreamRpcClient caller = caller();
		CompletableFuture<Payload> first = caller.make("task/limited");
		CompletableFuture<Payload> second = caller.make("task/limited");
		await().atMost(Duration.ofSeconds(5)).until(() -> started.get() == 2);
		assertThatExceptionOfType(RpcNoProviderException.class)
			.isThrownBy(() -> outcomeOf(caller.make("task/limited")));
		release.countDown();
		assertThat(first.join().as(String.class)).isEqualTo("limited");
		assertThat(second.join().as(String.class)).isEqualTo("limited");
	}

	@Test
	void callWhileNotConnectedFailsAtOnce() {
		DeepstreamRpcClient idle = track(builder().build());
		assertThatExceptionOfType(RpcNotConnectedException.class).isThrownBy(() -> outcomeOf(idle.make("any/name")));
	}

	@Test
	void callAfterCloseFailsAsClosed() {
		DeepstreamRpcClient caller = caller();
		caller.close();
		assertThatExceptionOfType(RpcClientClosedException.class).isThrownBy(() -> outcomeOf(caller.make("any/name")));
		assertThat(caller.state()).isEqualTo(ConnectionState.CLOSED);
	}

	@Test
	void badNameIsRefusedAtOnce() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> caller().make(""));
	}

	/**
	 * The transport that every client in these tests connects through.
	 * @return a transport
	 */
	protected Transport transport() {
		return new JdkWebSocketTransport();
	}

	private DeepstreamRpcClientBuilder builder() {
		return DeepstreamRpcClient.builder(deepstream.url()).transport(transport());
	}

	private DeepstreamRpcClient caller() {
		return connected(DeepstreamUser.of("caller", "caller-secret"));
	}

	private DeepstreamRpcClient provider() {
		return connected(DeepstreamUser.of("provider", "provider-secret"));
	}

	private DeepstreamRpcClient connected(DeepstreamUser user) {
		DeepstreamRpcClient client = track(
				builder().authData(user.authData()).serverTimeouts(ACK_TIMEOUT, RESPONSE_TIMEOUT).build());
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
		catch (java.util.concurrent.ExecutionException ex) {
			throw ex.getCause();
		}
	}

	record Sum(int numA, int numB) {
	}

}
