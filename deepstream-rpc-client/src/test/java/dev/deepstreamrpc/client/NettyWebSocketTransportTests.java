package dev.deepstreamrpc.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import javax.net.ssl.SSLContext;

import dev.deepstreamrpc.client.transport.NettyWebSocketTransport;
import dev.deepstreamrpc.test.DeepstreamServer;
import dev.deepstreamrpc.test.TestCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the Netty transport does beyond the shared RPC and reconnect suites: batching
 * messages from many threads without losing or reordering any, large messages, its send
 * bound, and {@code wss://}.
 */
class NettyWebSocketTransportTests {

	private final ExecutorService callers = Executors.newFixedThreadPool(4);

	@AfterEach
	void stopCallers() {
		this.callers.shutdownNow();
	}

	@Test
	void callsFromManyThreadsAndAnswersFromTheEventLoopAllArrive() {
		try (DeepstreamServer server = DeepstreamServer.builder().start();
				NettyWebSocketTransport transport = new NettyWebSocketTransport();
				DeepstreamRpcClient provider = connected(server, transport, true);
				DeepstreamRpcClient caller = connected(server, transport, false)) {
			provider.provide("netty/echo", (request, response) -> response.send(request.data().as(Integer.class)))
				.join();
			List<CompletableFuture<Integer>> calls = IntStream.range(0, 4000)
				.mapToObj((i) -> CompletableFuture.supplyAsync(() -> caller.make("netty/echo", i), this.callers)
					.thenCompose((call) -> call)
					.thenApply((payload) -> payload.as(Integer.class)))
				.toList();
			assertThat(calls.stream().map(CompletableFuture::join))
				.containsExactlyElementsOf(IntStream.range(0, 4000).boxed().toList());
		}
	}

	@Test
	void largeMessagesArriveWholeBothWays() {
		String large = "x".repeat(256 * 1024);
		try (DeepstreamServer server = DeepstreamServer.builder().start();
				NettyWebSocketTransport transport = new NettyWebSocketTransport();
				DeepstreamRpcClient provider = connected(server, transport, false);
				DeepstreamRpcClient caller = connected(server, transport, false)) {
			provider.provide("netty/large", (request, response) -> response.send(request.data().as(String.class) + "!"))
				.join();
			assertThat(caller.make("netty/large", large).join().as(String.class)).isEqualTo(large + "!");
		}
	}

	@Test
	void aMessageBeyondTheSendBoundFailsAloneAndLargerAnswersStillArrive() {
		try (DeepstreamServer server = DeepstreamServer.builder().start();
				NettyWebSocketTransport transport = new NettyWebSocketTransport();
				NettyWebSocketTransport bounded = new NettyWebSocketTransport(null, 4096);
				DeepstreamRpcClient provider = connected(server, transport, false);
				DeepstreamRpcClient caller = connected(server, bounded, false)) {
			provider.provide("netty/bound", (request, response) -> response.send(request.data().as(String.class)))
				.join();
			provider.provide("netty/large-answer", (request, response) -> response.send("y".repeat(8192))).join();
			assertThatExceptionOfType(DeepstreamRpcException.class)
				.isThrownBy(() -> RealServerRpcTests.outcomeOf(caller.make("netty/bound", "x".repeat(8192))));
			assertThat(caller.make("netty/bound", "small").join().as(String.class)).isEqualTo("small");
			assertThat(caller.make("netty/large-answer").join().as(String.class)).hasSize(8192);
		}
	}

	@Test
	void connectsOverTlsWhenTheCertificateIsTrusted() {
		TestCertificate certificate = TestCertificate.valid("localhost", "127.0.0.1");
		try (DeepstreamServer server = DeepstreamServer.builder().tls(certificate).start();
				NettyWebSocketTransport transport = tls(certificate.trustingContext());
				DeepstreamRpcClient client = connected(server, transport, false)) {
			client.provide("netty/tls", (request, response) -> response.send(request.data().as(String.class))).join();
			assertThat(client.make("netty/tls", "secret").join().as(String.class)).isEqualTo("secret");
		}
	}

	@Test
	void untrustedOrMisnamedCertificatesAreRefusedSayingWhy() {
		TestCertificate untrusted = TestCertificate.valid("localhost", "127.0.0.1");
		TestCertificate misnamed = TestCertificate.valid("elsewhere.example");
		try (DeepstreamServer server = DeepstreamServer.builder().tls(untrusted).start();
				NettyWebSocketTransport transport = new NettyWebSocketTransport();
				DeepstreamRpcClient client = DeepstreamRpcClient.builder(server.url()).transport(transport).build()) {
			assertThatExceptionOfType(RpcTlsException.class)
				.isThrownBy(() -> RealServerRpcTests.outcomeOf(client.connect()))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(RpcTlsException.Reason.UNTRUSTED));
		}
		try (DeepstreamServer server = DeepstreamServer.builder().tls(misnamed).start();
				NettyWebSocketTransport transport = tls(misnamed.trustingContext());
				DeepstreamRpcClient client = DeepstreamRpcClient.builder(server.url()).transport(transport).build()) {
			assertThatExceptionOfType(RpcTlsException.class)
				.isThrownBy(() -> RealServerRpcTests.outcomeOf(client.connect()))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(RpcTlsException.Reason.HOSTNAME_MISMATCH));
		}
	}

	private static NettyWebSocketTransport tls(SSLContext trusting) {
		return new NettyWebSocketTransport(trusting, NettyWebSocketTransport.DEFAULT_MAX_QUEUED_BYTES);
	}

	private static DeepstreamRpcClient connected(DeepstreamServer server, NettyWebSocketTransport transport,
			boolean handlersOnIoThread) {
		DeepstreamRpcClientBuilder builder = DeepstreamRpcClient.builder(server.url()).transport(transport);
		DeepstreamRpcClient client = (handlersOnIoThread ? builder.providerHandlersOnIoThread() : builder).build();
		client.connect().join();
		return client;
	}

}
