package dev.deepstreamrpc.embedded;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.deepstreamrpc.test.RawPeer;
import dev.deepstreamrpc.wire.AuthAction;
import dev.deepstreamrpc.wire.ConnectionAction;
import dev.deepstreamrpc.wire.FrameCodec;
import dev.deepstreamrpc.wire.RpcAction;
import dev.deepstreamrpc.wire.proto.AuthMessage;
import dev.deepstreamrpc.wire.proto.ConnectionMessage;
import dev.deepstreamrpc.wire.proto.ParserMessage;
import dev.deepstreamrpc.wire.proto.RpcMessage;
import dev.deepstreamrpc.wire.proto.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.deepstreamrpc.embedded.ConformanceSettings.ACK_TIMEOUT;
import static dev.deepstreamrpc.embedded.ConformanceSettings.CALLER_LOGIN;
import static dev.deepstreamrpc.embedded.ConformanceSettings.HEARTBEAT_INTERVAL;
import static dev.deepstreamrpc.embedded.ConformanceSettings.PROVIDER_LOGIN;
import static dev.deepstreamrpc.embedded.ConformanceSettings.RESPONSE_TIMEOUT;
import static dev.deepstreamrpc.embedded.ConformanceSettings.UNAUTHENTICATED_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The connection lifecycle and the RPC engine frame by frame, with raw peers that send
 * exactly what a test wants, run unchanged against the embedded server and the real
 * deepstream 7.0.2 server configured alike ({@link ConformanceSettings}). Every expected
 * message is compared field by field.
 */
abstract class WireConformanceTests {

	private static final Duration TIMING_TOLERANCE = Duration.ofMillis(400);

	private static final int NO_STATUS = 1005;

	private final List<RawPeer> peers = new CopyOnWriteArrayList<>();

	/**
	 * The server under test.
	 * @return its binary WebSocket endpoint
	 */
	abstract URI url();

	@AfterEach
	void closePeers() {
		this.peers.forEach(RawPeer::close);
	}

	@Test
	void handshakeAcceptsTheChallengeAndLoginAnswersWithTheClientData() throws Exception {
		RawPeer peer = connected();
		peer.challenge();
		assertThat(peer.login(CALLER_LOGIN)).isEqualTo(auth(AuthAction.AUTH_SUCCESSFUL, "{\"role\":\"reader\"}"));
		RawPeer withoutClientData = connected();
		withoutClientData.challenge();
		assertThat(withoutClientData.login(PROVIDER_LOGIN)).isEqualTo(auth(AuthAction.AUTH_SUCCESSFUL, "null"));
	}

	@Test
	void messagesBeforeTheChallengeAndBeforeTheLoginAreInvalid() throws Exception {
		RawPeer peer = connected();
		peer.send(FrameCodec.encode(ConnectionMessage.newBuilder().setAction(ConnectionAction.PING).build()));
		peer.send(FrameCodec.encode(AuthMessage.newBuilder().setAction(AuthAction.REQUEST).setData("{}").build()));
		assertThat(peer.next(ConnectionMessage.class)).isEqualTo(connection(ConnectionAction.INVALID_MESSAGE));
		peer.send(new byte[] { 5, 1, 2 });
		assertThat(peer.next(ConnectionMessage.class)).isEqualTo(connection(ConnectionAction.INVALID_MESSAGE));
		peer.challenge();
		peer.send(FrameCodec.encode(ConnectionMessage.newBuilder().setAction(ConnectionAction.PING).build()));
		peer.send(request("early/call", "early-1", null));
		assertThat(peer.next(AuthMessage.class)).isEqualTo(auth(AuthAction.INVALID_MESSAGE, null));
		peer.send(FrameCodec.encode(ConnectionMessage.newBuilder().setAction(ConnectionAction.CHALLENGE).build()));
		assertThat(peer.next(AuthMessage.class)).isEqualTo(auth(AuthAction.INVALID_MESSAGE, null));
		assertThat(peer.login(CALLER_LOGIN).getAction()).isEqualTo(AuthAction.AUTH_SUCCESSFUL);
	}

	@Test
	void afterLoginEverythingButRpcAndPingIsAnUnknownTopic() throws Exception {
		RawPeer peer = loggedIn(CALLER_LOGIN);
		ParserMessage unknownTopic = ParserMessage.newBuilder().setAction(1).build();
		peer.send(FrameCodec.encode(AuthMessage.newBuilder().setAction(AuthAction.REQUEST).setData("{}").build()));
		assertThat(peer.next(ParserMessage.class)).isEqualTo(unknownTopic);
		peer.send(FrameCodec.encode(Topic.MONITORING, ParserMessage.newBuilder().setAction(1).build()));
		assertThat(peer.next(ParserMessage.class)).isEqualTo(unknownTopic);
		peer.send(new byte[] { 5, 1, 2 });
		assertThat(peer.next(ParserMessage.class)).isEqualTo(unknownTopic);
		peer.send(FrameCodec.encode(ConnectionMessage.newBuilder().setAction(8).build()));
		assertThat(peer.next(ParserMessage.class)).isEqualTo(unknownTopic);
	}

	@Test
	void wrongCredentialsAreRefusedUntilTooManyAttemptsCloseTheConnection() throws Exception {
		RawPeer peer = connected();
		peer.challenge();
		assertThat(peer.login("{}")).isEqualTo(auth(AuthAction.AUTH_UNSUCCESSFUL,
				"{\"error\":\"missing authentication parameter: username or/and password\"}"));
		assertThat(peer.login("{\"username\":\"caller\",\"password\":\"wrong\"}"))
			.isEqualTo(auth(AuthAction.AUTH_UNSUCCESSFUL, null));
		assertThat(peer.login("{\"username\":\"nobody\",\"password\":\"x\"}"))
			.isEqualTo(auth(AuthAction.AUTH_UNSUCCESSFUL, null));
		assertThat(peer.next(AuthMessage.class)).isEqualTo(auth(AuthAction.TOO_MANY_AUTH_ATTEMPTS, null));
		assertThat(peer.awaitClose()).isEqualTo(NO_STATUS);
	}

	@Test
	void loginDataThatIsNotAnObjectClosesTheConnection() throws Exception {
		RawPeer peer = connected();
		peer.challenge();
		assertThat(peer.login("\"just a string\"")).isEqualTo(auth(AuthAction.INVALID_MESSAGE_DATA, null));
		assertThat(peer.awaitClose()).isEqualTo(NO_STATUS);
	}

	@Test
	void connectionWithoutLoginIsClosedAfterTheUnauthenticatedTimeout() throws Exception {
		long start = System.nanoTime();
		RawPeer peer = connected();
		peer.challenge();
		assertThat(peer.next(ConnectionMessage.class)).isEqualTo(connection(ConnectionAction.AUTHENTICATION_TIMEOUT));
		assertTookAbout(start, UNAUTHENTICATED_TIMEOUT);
		assertThat(peer.awaitClose()).isEqualTo(NO_STATUS);
	}

	@Test
	void pingsKeepAConnectionOpenWhileASilentOneIsClosedAfterTwoToThreeHeartbeats() throws Exception {
		RawPeer silent = connected();
		silent.challenge();
		silent.login(PROVIDER_LOGIN);
		long lastSent = System.nanoTime();
		RawPeer pinging = loggedIn(PROVIDER_LOGIN);
		assertThat(silent.awaitClose()).isEqualTo(NO_STATUS);
		Duration silence = Duration.ofNanos(System.nanoTime() - lastSent);
		assertThat(silence).isBetween(HEARTBEAT_INTERVAL.multipliedBy(2),
				HEARTBEAT_INTERVAL.multipliedBy(3).plus(TIMING_TOLERANCE));
		assertThat(pinging.isOpen()).isTrue();
		assertThat(pinging.pongs()).isGreaterThan(4);
	}

	@Test
	void textFrameClosesTheConnection() throws Exception {
		RawPeer peer = loggedIn(CALLER_LOGIN);
		peer.sendText("{\"topic\":2,\"action\":2}");
		assertThat(peer.awaitClose()).isEqualTo(NO_STATUS);
	}

	@Test
	void messageLargerThanTheMaximumClosesTheConnectionWith1009() throws Exception {
		RawPeer peer = loggedIn(CALLER_LOGIN);
		peer.sendRefusable(new byte[1048576 + 1]);
		assertThat(peer.awaitClose()).isEqualTo(1009);
	}

	@Test
	void upgradeOnAnyOtherPathIsRefused() {
		for (String path : List.of("/deepstream/", "/deepstream?token=x", "/DeepStream")) {
			URI other = URI.create(url().toString().replace("/deepstream", path));
			assertThatException().as(path).isThrownBy(() -> RawPeer.connect(other));
		}
	}

	@Test
	void provideIsAcknowledgedOncePerMessageAndADuplicateNameIsReportedFirst() throws Exception {
		RawPeer provider = loggedIn(PROVIDER_LOGIN);
		provider.send(provide(RpcAction.PROVIDE, "1", "dup/a"));
		assertThat(provider.nextRpc()).isEqualTo(ack(RpcAction.PROVIDE, "1"));
		provider.send(provide(RpcAction.PROVIDE, "2", "dup/a"));
		assertThat(provider.nextRpc()).isEqualTo(RpcMessage.newBuilder()
			.setAction(RpcAction.MULTIPLE_PROVIDERS.code())
			.setName("dup/a")
			.setOriginalAction(RpcAction.PROVIDE.code())
			.build());
		assertThat(provider.nextRpc()).isEqualTo(ack(RpcAction.PROVIDE, "2"));
		provider.send(provide(RpcAction.PROVIDE, "3", "multi/a", "multi/b", "multi/c"));
		assertThat(provider.nextRpc()).isEqualTo(ack(RpcAction.PROVIDE, "3"));
		provider.send(provide(RpcAction.PROVIDE, "", "nocid/a"));
		assertThat(provider.nextRpc()).isEqualTo(ack(RpcAction.PROVIDE, ""));
		provider.send(provide(RpcAction.UNPROVIDE, "4", "never/provided"));
		assertThat(provider.nextRpc()).isEqualTo(ack(RpcAction.UNPROVIDE, "4"));
	}

	@Test
	void requestIsForwardedWithTheRequestorAndAnswersAreForwardedVerbatim() throws Exception {
		RawPeer provider = providing("wire/add");
		RawPeer caller = loggedIn(CALLER_LOGIN);
		String cid = cid();
		caller.send(request("wire/add", cid, "{\"a\":2,\"b\":3}"));
		assertThat(provider.nextRpc()).isEqualTo(request("wire/add", cid, "{\"a\":2,\"b\":3}").toBuilder()
			.setRequestorName("caller")
			.setRequestorData("{\"role\":\"reader\"}")
			.build());
		RpcMessage accept = reply(RpcAction.ACCEPT, "wire/add", cid, null);
		RpcMessage response = reply(RpcAction.RESPONSE, "wire/add", cid, "5");
		provider.send(accept);
		provider.send(response);
		assertThat(caller.nextRpc()).isEqualTo(accept);
		assertThat(caller.nextRpc()).isEqualTo(response);
		RpcMessage error = reply(RpcAction.REQUEST_ERROR, "wire/add", cid(), "{\"code\":42}").toBuilder()
			.setIsError(true)
			.build();
		caller.send(request("wire/add", error.getCorrelationId(), null));
		assertThat(provider.nextRpc().hasData()).isFalse();
		provider.send(error);
		assertThat(caller.nextRpc()).isEqualTo(error);
	}

	@Test
	void rerouteEncodesTheRequestorDataOnceMore() throws Exception {
		RawPeer first = providing("wire/reroute");
		RawPeer second = providing("wire/reroute");
		RawPeer caller = loggedIn(CALLER_LOGIN);
		String cid = cid();
		caller.send(request("wire/reroute", cid, "null"));
		RawPeer rejecting = firstToReceive(first, second);
		RawPeer answering = (rejecting == first) ? second : first;
		assertThat(rejecting.nextRpc().getRequestorData()).isEqualTo("{\"role\":\"reader\"}");
		rejecting.send(reply(RpcAction.REJECT, "wire/reroute", cid, null));
		RpcMessage rerouted = answering.nextRpc();
		assertThat(rerouted.getRequestorName()).isEqualTo("caller");
		assertThat(rerouted.getRequestorData()).isEqualTo("\"{\\\"role\\\":\\\"reader\\\"}\"");
		answering.send(reply(RpcAction.RESPONSE, "wire/reroute", cid, "\"second\""));
		assertThat(caller.nextRpc()).isEqualTo(reply(RpcAction.RESPONSE, "wire/reroute", cid, "\"second\""));
	}

	@Test
	void lateAnswersGetAnInvalidCorrelationIdAndASecondAcceptAMultipleAccept() throws Exception {
		RawPeer provider = providing("wire/late");
		RawPeer caller = loggedIn(CALLER_LOGIN);
		String late = cid();
		caller.send(request("wire/late", late, null));
		provider.nextRpc();
		assertThat(caller.nextRpc()).isEqualTo(notice(RpcAction.ACCEPT_TIMEOUT, "wire/late", late));
		provider.send(reply(RpcAction.ACCEPT, "wire/late", late, null));
		provider.send(reply(RpcAction.RESPONSE, "wire/late", late, "1"));
		assertThat(provider.nextRpc()).isEqualTo(invalidCorrelationId(RpcAction.ACCEPT, "wire/late", late));
		assertThat(provider.nextRpc()).isEqualTo(invalidCorrelationId(RpcAction.RESPONSE, "wire/late", late));
		String twice = cid();
		caller.send(request("wire/late", twice, null));
		provider.nextRpc();
		provider.send(reply(RpcAction.ACCEPT, "wire/late", twice, null));
		provider.send(reply(RpcAction.ACCEPT, "wire/late", twice, null));
		provider.send(reply(RpcAction.RESPONSE, "wire/late", twice, "\"first\""));
		provider.send(reply(RpcAction.RESPONSE, "wire/late", twice, "\"second\""));
		assertThat(caller.nextRpc()).isEqualTo(reply(RpcAction.ACCEPT, "wire/late", twice, null));
		assertThat(caller.nextRpc()).isEqualTo(reply(RpcAction.RESPONSE, "wire/late", twice, "\"first\""));
		assertThat(provider.nextRpc()).isEqualTo(notice(RpcAction.MULTIPLE_ACCEPT, "wire/late", twice));
		assertThat(provider.nextRpc()).isEqualTo(invalidCorrelationId(RpcAction.RESPONSE, "wire/late", twice));
	}

	@Test
	void anyoneKnowingTheCorrelationIdCanAnswerAndTheRealProviderIsThenRefused() throws Exception {
		RawPeer provider = providing("wire/hijack");
		RawPeer caller = loggedIn(CALLER_LOGIN);
		RawPeer stranger = loggedIn(CALLER_LOGIN);
		String cid = cid();
		caller.send(request("wire/hijack", cid, null));
		provider.nextRpc();
		stranger.send(reply(RpcAction.RESPONSE, "wire/hijack", cid, "\"forged\""));
		assertThat(caller.nextRpc()).isEqualTo(reply(RpcAction.RESPONSE, "wire/hijack", cid, "\"forged\""));
		provider.send(reply(RpcAction.RESPONSE, "wire/hijack", cid, "\"real\""));
		assertThat(provider.nextRpc()).isEqualTo(invalidCorrelationId(RpcAction.RESPONSE, "wire/hijack", cid));
	}

	@Test
	void rejectAfterAcceptReroutesButTheNextAcceptIsRefusedAndTheCallTimesOut() throws Exception {
		RawPeer first = providing("wire/accept-reject");
		RawPeer second = providing("wire/accept-reject");
		RawPeer caller = loggedIn(CALLER_LOGIN);
		String cid = cid();
		caller.send(request("wire/accept-reject", cid, null));
		RawPeer fickle = firstToReceive(first, second);
		RawPeer next = (fickle == first) ? second : first;
		fickle.nextRpc();
		fickle.send(reply(RpcAction.ACCEPT, "wire/accept-reject", cid, null));
		fickle.send(reply(RpcAction.REJECT, "wire/accept-reject", cid, null));
		assertThat(caller.nextRpc()).isEqualTo(reply(RpcAction.ACCEPT, "wire/accept-reject", cid, null));
		next.nextRpc();
		long rerouted = System.nanoTime();
		next.send(reply(RpcAction.ACCEPT, "wire/accept-reject", cid, null));
		assertThat(next.nextRpc()).isEqualTo(notice(RpcAction.MULTIPLE_ACCEPT, "wire/accept-reject", cid));
		assertThat(caller.nextRpc()).isEqualTo(notice(RpcAction.ACCEPT_TIMEOUT, "wire/accept-reject", cid));
		assertTookAbout(rerouted, ACK_TIMEOUT);
	}

	@Test
	void providerDisconnectingBeforeAcceptingLeavesAnAcceptTimeoutWithoutReroute() throws Exception {
		RawPeer first = providing("wire/vanish");
		RawPeer second = providing("wire/vanish");
		RawPeer caller = loggedIn(CALLER_LOGIN);
		String cid = cid();
		long start = System.nanoTime();
		caller.send(request("wire/vanish", cid, null));
		RawPeer vanishing = firstToReceive(first, second);
		vanishing.close();
		assertThat(caller.nextRpc()).isEqualTo(notice(RpcAction.ACCEPT_TIMEOUT, "wire/vanish", cid));
		assertTookAbout(start, ACK_TIMEOUT);
		RawPeer remaining = (vanishing == first) ? second : first;
		assertNothingMoreThan(remaining);
	}

	@Test
	void providerDisconnectingAfterAcceptingLeavesAResponseTimeout() throws Exception {
		RawPeer provider = providing("wire/vanish-later");
		RawPeer caller = loggedIn(CALLER_LOGIN);
		String cid = cid();
		long start = System.nanoTime();
		caller.send(request("wire/vanish-later", cid, null));
		provider.nextRpc();
		provider.send(reply(RpcAction.ACCEPT, "wire/vanish-later", cid, null));
		assertThat(caller.nextRpc().getAction()).isEqualTo(RpcAction.ACCEPT.code());
		provider.close();
		assertThat(caller.nextRpc()).isEqualTo(notice(RpcAction.RESPONSE_TIMEOUT, "wire/vanish-later", cid));
		assertTookAbout(start, RESPONSE_TIMEOUT);
	}

	@Test
	void answersForARequestorThatDisconnectedAreDroppedSilently() throws Exception {
		RawPeer provider = providing("wire/orphan");
		RawPeer caller = loggedIn(CALLER_LOGIN);
		String cid = cid();
		caller.send(request("wire/orphan", cid, null));
		provider.nextRpc();
		caller.close();
		provider.send(reply(RpcAction.ACCEPT, "wire/orphan", cid, null));
		provider.send(reply(RpcAction.RESPONSE, "wire/orphan", cid, "1"));
		assertNothingMoreThan(provider);
	}

	@Test
	void unknownRpcActionIsIgnored() throws Exception {
		RawPeer peer = loggedIn(CALLER_LOGIN);
		peer.send(RpcMessage.newBuilder().setAction(3).setName("odd/action").setCorrelationId(cid()).build());
		peer.send(reply(RpcAction.NO_RPC_PROVIDER, "odd/action", cid(), null));
		assertNothingMoreThan(peer);
	}

	private static void assertNothingMoreThan(RawPeer peer) throws InterruptedException {
		peer.send(provide(RpcAction.UNPROVIDE, "probe", "nothing/provided"));
		assertThat(peer.nextRpc()).isEqualTo(ack(RpcAction.UNPROVIDE, "probe"));
	}

	private static RawPeer firstToReceive(RawPeer first, RawPeer second) throws InterruptedException {
		long deadline = System.nanoTime() + RawPeer.DEFAULT_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			for (RawPeer peer : List.of(first, second)) {
				Object message = peer.poll(Duration.ofMillis(10));
				if (message != null) {
					peer.pushBack(message);
					return peer;
				}
			}
		}
		throw new AssertionError("No provider received the request");
	}

	private static void assertTookAbout(long startNanos, Duration expected) {
		Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
		assertThat(took).isBetween(expected.minusMillis(30), expected.plus(TIMING_TOLERANCE));
	}

	private RawPeer connected() throws Exception {
		RawPeer peer = RawPeer.connect(url());
		this.peers.add(peer);
		return peer;
	}

	private RawPeer loggedIn(String login) throws Exception {
		RawPeer peer = RawPeer.loggedIn(url(), login);
		this.peers.add(peer);
		return peer;
	}

	private RawPeer providing(String name) throws Exception {
		RawPeer provider = loggedIn(PROVIDER_LOGIN);
		provider.send(provide(RpcAction.PROVIDE, "p", name));
		assertThat(provider.nextRpc()).isEqualTo(ack(RpcAction.PROVIDE, "p"));
		return provider;
	}

	private static String cid() {
		return UUID.randomUUID().toString();
	}

	private static ConnectionMessage connection(int action) {
		return ConnectionMessage.newBuilder().setAction(action).build();
	}

	private static AuthMessage auth(int action, String data) {
		AuthMessage.Builder message = AuthMessage.newBuilder().setAction(action);
		return ((data != null) ? message.setData(data) : message).build();
	}

	private static RpcMessage provide(RpcAction action, String cid, String... names) {
		return RpcMessage.newBuilder()
			.setAction(action.code())
			.setCorrelationId(cid)
			.addAllNames(List.of(names))
			.build();
	}

	private static RpcMessage ack(RpcAction action, String cid) {
		return RpcMessage.newBuilder().setAction(action.code()).setCorrelationId(cid).setIsAck(true).build();
	}

	private static RpcMessage request(String name, String cid, String data) {
		return reply(RpcAction.REQUEST, name, cid, data);
	}

	private static RpcMessage reply(RpcAction action, String name, String cid, String data) {
		RpcMessage.Builder message = RpcMessage.newBuilder()
			.setAction(action.code())
			.setName(name)
			.setCorrelationId(cid);
		return ((data != null) ? message.setData(data) : message).build();
	}

	private static RpcMessage notice(RpcAction action, String name, String cid) {
		return reply(action, name, cid, null);
	}

	private static RpcMessage invalidCorrelationId(RpcAction original, String name, String cid) {
		return notice(RpcAction.INVALID_RPC_CORRELATION_ID, name, cid).toBuilder()
			.setOriginalAction(original.code())
			.setIsError(true)
			.build();
	}

}
