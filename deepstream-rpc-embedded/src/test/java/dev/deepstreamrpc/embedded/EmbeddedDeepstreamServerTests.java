package dev.deepstreamrpc.embedded;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.Payload;
import dev.deepstreamrpc.test.RawPeer;
import dev.deepstreamrpc.wire.AuthAction;
import dev.deepstreamrpc.wire.RpcAction;
import dev.deepstreamrpc.wire.proto.AuthMessage;
import dev.deepstreamrpc.wire.proto.RpcMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The embedded server's lifecycle, its HTTP side and the behaviour where it deliberately
 * differs from the real server or the real server is not configured alike.
 */
class EmbeddedDeepstreamServerTests {

	@Test
	void startsOnAFreePortAndReleasesItsThreadWhenClosed() {
		EmbeddedDeepstreamServer server = EmbeddedDeepstreamServer.builder().start();
		assertThat(server.isRunning()).isTrue();
		assertThat(server.url()).isEqualTo(URI.create("ws://127.0.0.1:" + server.port() + "/deepstream"));
		assertThat(eventLoopThreads()).isNotEmpty();
		server.close();
		assertThat(server.isRunning()).isFalse();
		await().atMost(Duration.ofSeconds(5)).until(() -> eventLoopThreads().isEmpty());
		server.close();
	}

	@Test
	void startsOnlyOnce() {
		try (EmbeddedDeepstreamServer server = EmbeddedDeepstreamServer.builder().start()) {
			assertThatIllegalStateException().isThrownBy(server::start).withMessageContaining("already running");
			server.close();
			assertThatIllegalStateException().isThrownBy(server::start).withMessageContaining("closed");
			assertThat(server.faults().dropConnections()).isZero();
		}
	}

	@Test
	void portThatIsTakenFailsTheStart() {
		try (EmbeddedDeepstreamServer first = EmbeddedDeepstreamServer.builder().start()) {
			assertThatIllegalStateException()
				.isThrownBy(() -> EmbeddedDeepstreamServer.builder().port(first.port()).start())
				.withMessageContaining(String.valueOf(first.port()));
		}
	}

	@Test
	void neverStartedServerHasNoUrl() {
		EmbeddedDeepstreamServer server = EmbeddedDeepstreamServer.builder().build();
		assertThatIllegalStateException().isThrownBy(server::url);
		assertThat(server.isRunning()).isFalse();
	}

	@Test
	void builderRefusesNonsense() {
		EmbeddedDeepstreamServerBuilder builder = EmbeddedDeepstreamServer.builder();
		assertThatIllegalArgumentException().isThrownBy(() -> builder.ackTimeout(Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.heartbeatInterval(Duration.ofSeconds(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.port(70000));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.maxMessageSize(0));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.maxAuthAttempts(0));
	}

	@Test
	void healthCheckAnswersAndOtherHttpRequestsAreNotFound() throws Exception {
		try (EmbeddedDeepstreamServer server = EmbeddedDeepstreamServer.builder().start()) {
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			String base = "http://127.0.0.1:" + server.port();
			assertThat(get(http, base + "/health-check").statusCode()).isEqualTo(200);
			assertThat(get(http, base + "/deepstream").statusCode()).isEqualTo(404);
		}
	}

	private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void loginDataThatIsNotJsonIsRefusedWhereTheRealServerWouldCrash() throws Exception {
		try (EmbeddedDeepstreamServer server = EmbeddedDeepstreamServer.builder().start();
				RawPeer peer = RawPeer.connect(server.url())) {
			peer.challenge();
			assertThat(peer.login("not json").getAction()).isEqualTo(AuthAction.INVALID_MESSAGE_DATA);
			assertThat(peer.awaitClose()).isEqualTo(1005);
			try (RawPeer next = RawPeer.loggedIn(server.url(), "{}")) {
				assertThat(next.isOpen()).isTrue();
			}
		}
	}

	@Test
	void openAuthenticationAcceptsAnyoneWithoutClientDataAndNamesThemByUsername() throws Exception {
		try (EmbeddedDeepstreamServer server = EmbeddedDeepstreamServer.builder()
			.provideRequestorName(true)
			.provideRequestorData(true)
			.start(); RawPeer provider = RawPeer.loggedIn(server.url(), "{}")) {
			RawPeer anonymous = RawPeer.connect(server.url());
			anonymous.challenge();
			assertThat(anonymous.login("{\"username\":\"zoe\"}"))
				.isEqualTo(AuthMessage.newBuilder().setAction(AuthAction.AUTH_SUCCESSFUL).build());
			provider.send(RpcMessage.newBuilder().setAction(RpcAction.PROVIDE.code()).addNames("open/who").build());
			provider.nextRpc();
			anonymous.send(RpcMessage.newBuilder()
				.setAction(RpcAction.REQUEST.code())
				.setName("open/who")
				.setCorrelationId("who-1")
				.build());
			RpcMessage forwarded = provider.nextRpc();
			assertThat(forwarded.getRequestorName()).isEqualTo("zoe");
			assertThat(forwarded.hasRequestorData()).isFalse();
			anonymous.close();
		}
	}

	@Test
	void requestorFieldsSetByTheRequestorArePassedThroughWhenTheServerDoesNotSetThem() throws Exception {
		try (EmbeddedDeepstreamServer server = EmbeddedDeepstreamServer.builder().start();
				RawPeer provider = RawPeer.loggedIn(server.url(), "{}");
				RawPeer caller = RawPeer.loggedIn(server.url(), "{}")) {
			provider.send(RpcMessage.newBuilder().setAction(RpcAction.PROVIDE.code()).addNames("spoof/me").build());
			provider.nextRpc();
			caller.send(RpcMessage.newBuilder()
				.setAction(RpcAction.REQUEST.code())
				.setName("spoof/me")
				.setCorrelationId("spoof-1")
				.setRequestorName("admin")
				.setRequestorData("{\"role\":\"admin\"}")
				.build());
			RpcMessage forwarded = provider.nextRpc();
			assertThat(forwarded.getRequestorName()).isEqualTo("admin");
			assertThat(forwarded.getRequestorData()).isEqualTo("\"{\\\"role\\\":\\\"admin\\\"}\"");
		}
	}

	@Test
	void smallerMaximumMessageSizeIsEnforced() throws Exception {
		try (EmbeddedDeepstreamServer server = EmbeddedDeepstreamServer.builder().maxMessageSize(1024).start();
				RawPeer peer = RawPeer.loggedIn(server.url(), "{}")) {
			peer.send(new byte[1024]);
			peer.sendRefusable(new byte[1025]);
			assertThat(peer.awaitClose()).isEqualTo(1009);
		}
	}

	@Test
	void manyConcurrentCallsAreAllAnswered() {
		try (EmbeddedDeepstreamServer server = EmbeddedDeepstreamServer.builder().start();
				DeepstreamRpcClient provider = DeepstreamRpcClient.builder(server.url()).build();
				DeepstreamRpcClient caller = DeepstreamRpcClient.builder(server.url()).build()) {
			provider.connect().join();
			caller.connect().join();
			provider.provide("load/echo", (request, response) -> response.send(request.data().as(Integer.class)))
				.join();
			List<CompletableFuture<Payload>> calls = new ArrayList<>();
			for (int i = 0; i < 2000; i++) {
				calls.add(caller.make("load/echo", i));
			}
			for (int i = 0; i < calls.size(); i++) {
				assertThat(calls.get(i).join().as(Integer.class)).isEqualTo(i);
			}
		}
	}

	private static List<Thread> eventLoopThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("deepstream-embedded") && thread.isAlive())
			.toList();
	}

}
