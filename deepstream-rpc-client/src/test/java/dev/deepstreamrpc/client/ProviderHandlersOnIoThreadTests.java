package dev.deepstreamrpc.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import dev.deepstreamrpc.test.DeepstreamServerExtension;
import dev.deepstreamrpc.test.RawPeer;
import dev.deepstreamrpc.wire.RpcAction;
import dev.deepstreamrpc.wire.proto.RpcMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Providers whose handlers run on the connection's I/O thread
 * ({@link DeepstreamRpcClientBuilder#providerHandlersOnIoThread()}) keep every rule of
 * the executor path, through the real server.
 */
class ProviderHandlersOnIoThreadTests {

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension
		.create((server) -> server.ackTimeout(Duration.ofMillis(500)).responseTimeout(Duration.ofMillis(1500)));

	private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	@Test
	void handlerRunsOnTheThreadThatReceivedTheRequest() {
		DeepstreamRpcClient provider = provider();
		provider.provide("io/thread", (request, response) -> response.send(Thread.currentThread().getName())).join();
		assertThat(caller().make("io/thread").join().as(String.class)).doesNotStartWith("deepstream-rpc-provider-")
			.contains("SelectorManager");
	}

	@Test
	void handlerThatAnswersAtOnceSendsItsAnswerWithoutASeparateAccept() throws Exception {
		provider().provide("io/echo", (request, response) -> response.send(request.data().as(Object.class))).join();
		RawPeer peer = rawCaller();
		peer.send(request("io/echo", "c-1", "[1,2]"));
		peer.send(request("io/echo", "c-2", "[3]"));
		RpcMessage first = peer.skipTo(RpcMessage.class, RawPeer.DEFAULT_TIMEOUT);
		RpcMessage second = peer.skipTo(RpcMessage.class, RawPeer.DEFAULT_TIMEOUT);
		assertThat(List.of(first.getAction(), second.getAction())).containsOnly(RpcAction.RESPONSE.code());
		assertThat(List.of(first.getData(), second.getData())).containsExactly("[1,2]", "[3]");
	}

	@Test
	void handlerThatAnswersLaterAcknowledgesWhenItReturns() throws Exception {
		AtomicReference<RpcResponse> held = new AtomicReference<>();
		provider().provide("io/later", (request, response) -> held.set(response)).join();
		RawPeer peer = rawCaller();
		peer.send(request("io/later", "c-1", "1"));
		RpcMessage accept = peer.skipTo(RpcMessage.class, RawPeer.DEFAULT_TIMEOUT);
		assertThat(accept.getAction()).isEqualTo(RpcAction.ACCEPT.code());
		held.get().send("later");
		RpcMessage response = peer.skipTo(RpcMessage.class, RawPeer.DEFAULT_TIMEOUT);
		assertThat(response.getAction()).isEqualTo(RpcAction.RESPONSE.code());
		assertThat(response.getData()).isEqualTo("\"later\"");
	}

	@Test
	void handlerExceptionBecomesAnErrorAndTheConnectionKeepsServing() {
		provider().provide("io/fails", (request, response) -> {
			if (request.data().as(Integer.class) < 0) {
				throw new IllegalArgumentException("negative");
			}
			response.send("fine");
		}).join();
		DeepstreamRpcClient caller = caller();
		assertThatExceptionOfType(RpcRemoteException.class)
			.isThrownBy(() -> RealServerRpcTests.outcomeOf(caller.make("io/fails", -1)))
			.satisfies((ex) -> assertThat(ex.error().as(String.class)).isEqualTo("negative"));
		assertThat(caller.make("io/fails", 1).join().as(String.class)).isEqualTo("fine");
	}

	@Test
	void concurrencyLimitStillRejectsSoTheServerReroutes() {
		AtomicReference<RpcResponse> held = new AtomicReference<>();
		provider().provide("io/limited", ProviderOptions.defaults().withMaxConcurrency(1), (request, response) -> {
			if (!held.compareAndSet(null, response)) {
				response.send("second");
			}
		}).join();
		DeepstreamRpcClient caller = caller();
		var first = caller.make("io/limited");
		await().until(() -> held.get() != null);
		assertThatExceptionOfType(RpcNoProviderException.class)
			.isThrownBy(() -> RealServerRpcTests.outcomeOf(caller.make("io/limited")));
		held.get().send("first");
		assertThat(first.join().as(String.class)).isEqualTo("first");
		assertThat(caller.make("io/limited").join().as(String.class)).isEqualTo("second");
	}

	@Test
	void manualAckFromTheHandlerWorks() {
		provider().provide("io/manual", ProviderOptions.defaults().withAutoAck(false), (request, response) -> {
			response.ack();
			response.send("acked");
		}).join();
		assertThat(caller().make("io/manual").join().as(String.class)).isEqualTo("acked");
	}

	@Test
	void blockingCallThroughTheSameClientCannotBeAnsweredAndEndsAtItsDeadline() {
		DeepstreamRpcClient provider = provider();
		provider.provide("io/echo", (request, response) -> response.send(request.data().as(Object.class))).join();
		provider.provide("io/blocks", (request, response) -> {
			try {
				response.send(provider.make("io/echo", "inner", Duration.ofMillis(300)).join().as(String.class));
			}
			catch (java.util.concurrent.CompletionException ex) {
				response.error(ex.getCause().getClass().getSimpleName());
			}
		}).join();
		assertThatExceptionOfType(RpcRemoteException.class)
			.isThrownBy(() -> RealServerRpcTests.outcomeOf(caller().make("io/blocks")))
			.satisfies((ex) -> assertThat(ex.error().as(String.class)).isEqualTo("RpcTimeoutException"));
		assertThat(caller().make("io/echo", "after").join().as(String.class)).isEqualTo("after");
	}

	private RawPeer rawCaller() throws Exception {
		RawPeer peer = RawPeer.loggedIn(deepstream.url(), "{}");
		this.closeables.add(peer);
		return peer;
	}

	private static RpcMessage request(String name, String correlationId, String json) {
		return RpcMessage.newBuilder()
			.setAction(RpcAction.REQUEST.code())
			.setName(name)
			.setCorrelationId(correlationId)
			.setDataBytes(com.google.protobuf.ByteString.copyFrom(json, StandardCharsets.UTF_8))
			.build();
	}

	private DeepstreamRpcClient provider() {
		return connected(DeepstreamRpcClient.builder(deepstream.url()).providerHandlersOnIoThread());
	}

	private DeepstreamRpcClient caller() {
		return connected(DeepstreamRpcClient.builder(deepstream.url()));
	}

	private DeepstreamRpcClient connected(DeepstreamRpcClientBuilder builder) {
		DeepstreamRpcClient client = builder.build();
		this.closeables.add(client);
		client.connect().join();
		return client;
	}

}
