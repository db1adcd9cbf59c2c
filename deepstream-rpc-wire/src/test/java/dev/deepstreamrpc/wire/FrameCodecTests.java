package dev.deepstreamrpc.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.google.protobuf.MessageLite;
import dev.deepstreamrpc.wire.proto.AuthMessage;
import dev.deepstreamrpc.wire.proto.ConnectionMessage;
import dev.deepstreamrpc.wire.proto.Envelope;
import dev.deepstreamrpc.wire.proto.ParserMessage;
import dev.deepstreamrpc.wire.proto.RpcMessage;
import dev.deepstreamrpc.wire.proto.Topic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Golden frames captured from a live deepstream 7.0.2 server (PROTOCOL.md section 9),
 * encoded and decoded byte for byte.
 */
class FrameCodecTests {

	private static final HexFormat HEX = HexFormat.of();

	@Test
	void encodesRequestAsSentByARequestor() {
		RpcMessage request = RpcMessage.newBuilder()
			.setAction(RpcAction.REQUEST.code())
			.setData("{\"a\":2,\"b\":3}")
			.setCorrelationId("req-0001")
			.setName("math/add")
			.build();
		assertThat(hex(FrameCodec.encode(request)))
			.isEqualTo("2910061a250802120d7b2261223a322c2262223a337d1a087265712d303030313a086d6174682f616464");
	}

	@Test
	void decodesRequestAsDeliveredToAProviderWithRequestorFields() throws Exception {
		RpcMessage request = decodeRpc(
				"4b10061a470802120d7b2261223a322c2262223a337d1a087265712d303030313a086d6174682f61"
						+ "6464520575736572425a197b226661766f7572697465436f6c6f72223a22626c7565227d");
		assertThat(request.getAction()).isEqualTo(RpcAction.REQUEST.code());
		assertThat(request.getData()).isEqualTo("{\"a\":2,\"b\":3}");
		assertThat(request.getCorrelationId()).isEqualTo("req-0001");
		assertThat(request.getName()).isEqualTo("math/add");
		assertThat(request.getRequestorName()).isEqualTo("userB");
		assertThat(request.getRequestorData()).isEqualTo("{\"favouriteColor\":\"blue\"}");
	}

	@Test
	void encodesAndDecodesResponse() throws Exception {
		String frame = "1d10061a1908051201351a087265712d303030313a086d6174682f616464";
		RpcMessage response = rpc(RpcAction.RESPONSE).setData("5").build();
		assertThat(hex(FrameCodec.encode(response))).isEqualTo(frame);
		assertThat(decodeRpc(frame)).isEqualTo(response);
	}

	@Test
	void encodesAccept() {
		assertThat(hex(FrameCodec.encode(rpc(RpcAction.ACCEPT).build())))
			.isEqualTo("1a10061a1608041a087265712d303030313a086d6174682f616464");
	}

	@Test
	void encodesRequestErrorWithAMessage() {
		RpcMessage error = RpcMessage.newBuilder()
			.setAction(RpcAction.REQUEST_ERROR.code())
			.setData("\"something went wrong\"")
			.setCorrelationId("err-1")
			.setName("fail/always")
			.build();
		assertThat(hex(FrameCodec.encode(error))).isEqualTo(
				"3210061a2e0807121622736f6d657468696e672077656e742077726f6e67221a056572722d313a0b6661696c2f616c77617973");
	}

	@Test
	void decodesNoRpcProviderWithoutData() throws Exception {
		RpcMessage noProvider = decodeRpc("1a10061a1608641a087265712d303030323a086d6174682f616464");
		assertThat(RpcAction.of(noProvider.getAction())).isEqualTo(RpcAction.NO_RPC_PROVIDER);
		assertThat(noProvider.getCorrelationId()).isEqualTo("req-0002");
		assertThat(noProvider.hasData()).isFalse();
		assertThat(noProvider.getIsError()).isFalse();
	}

	@Test
	void encodesProvideOfOneName() {
		RpcMessage provide = RpcMessage.newBuilder()
			.setAction(RpcAction.PROVIDE.code())
			.setCorrelationId("0")
			.addNames("math/add")
			.build();
		assertThat(hex(FrameCodec.encode(provide))).isEqualTo("1310061a0f08081a013032086d6174682f616464");
	}

	@Test
	void decodesProvideAcknowledgement() throws Exception {
		RpcMessage ack = decodeRpc("0b10061a0708081a01302801");
		assertThat(RpcAction.of(ack.getAction())).isEqualTo(RpcAction.PROVIDE);
		assertThat(ack.getCorrelationId()).isEqualTo("0");
		assertThat(ack.getIsAck()).isTrue();
	}

	@Test
	void encodesChallengeWithTheJavaScriptClientsFields() {
		ConnectionMessage challenge = ConnectionMessage.newBuilder()
			.setAction(ConnectionAction.CHALLENGE)
			.setUrl("ws://127.0.0.1:6021/deepstream")
			.setProtocolVersion("0.1a")
			.setSdkVersion("7.0.5")
			.setSdkType("javascript")
			.build();
		assertThat(hex(FrameCodec.encode(challenge))).isEqualTo("3f10021a3b08052a1e77733a2f2f3132372e302e302e313a36"
				+ "3032312f6465657073747265616d3204302e31613a05372e302e35420a6a617661736372697074");
	}

	@Test
	void encodesPingAndDecodesAcceptAndPong() throws Exception {
		assertThat(hex(FrameCodec.encode(ConnectionMessage.newBuilder().setAction(ConnectionAction.PING).build())))
			.isEqualTo("0610021a020802");
		assertThat(decode("0610021a020804")).singleElement()
			.isEqualTo(ConnectionMessage.newBuilder().setAction(ConnectionAction.ACCEPT).build());
		assertThat(decode("0610021a020803")).singleElement()
			.isEqualTo(ConnectionMessage.newBuilder().setAction(ConnectionAction.PONG).build());
	}

	@Test
	void encodesAuthRequest() {
		AuthMessage auth = AuthMessage.newBuilder()
			.setAction(AuthAction.REQUEST)
			.setData("{\"username\":\"userA\",\"password\":\"password\"}")
			.build();
		assertThat(hex(FrameCodec.encode(auth))).isEqualTo(
				"3210031a2e0802122a7b22757365726e616d65223a227573657241222c2270617373776f7264223a2270617373776f7264227d");
	}

	@Test
	void decodesAuthResults() throws Exception {
		assertThat(decode("2010031a1c080312187b226661766f7572697465436f6c6f72223a22726564227d")).singleElement()
			.isEqualTo(AuthMessage.newBuilder()
				.setAction(AuthAction.AUTH_SUCCESSFUL)
				.setData("{\"favouriteColor\":\"red\"}")
				.build());
		assertThat(decode("0610031a020804")).singleElement()
			.isEqualTo(AuthMessage.newBuilder().setAction(AuthAction.AUTH_UNSUCCESSFUL).build());
		assertThat(decode("0610031a020864")).singleElement()
			.isEqualTo(AuthMessage.newBuilder().setAction(AuthAction.TOO_MANY_AUTH_ATTEMPTS).build());
	}

	@Test
	void matchesTheGeneratedEnvelope() {
		RpcMessage response = rpc(RpcAction.RESPONSE).setData("[1,\"héllo ☃\",null]").build();
		byte[] viaEnvelope = Envelope.newBuilder()
			.setTopic(Topic.RPC)
			.setMessage(response.toByteString())
			.build()
			.toByteArray();
		byte[] frame = FrameCodec.encode(response);
		assertThat(ByteBuffer.wrap(frame, frame.length - viaEnvelope.length, viaEnvelope.length))
			.isEqualTo(ByteBuffer.wrap(viaEnvelope));
	}

	@Test
	void keepsUnknownActionsAsNumbers() throws Exception {
		RpcMessage unknown = rpc(RpcAction.UNKNOWN).setAction(77).build();
		assertThat(decodeRpc(hex(FrameCodec.encode(unknown))).getAction()).isEqualTo(77);
		assertThat(RpcAction.of(77)).isEqualTo(RpcAction.UNKNOWN);
	}

	@Test
	void ignoresBytesAfterTheFirstEnvelope() throws Exception {
		assertThat(decode("0610021a020803" + "0610021a020802")).hasSize(1);
	}

	@Test
	void reportsOtherTopicsByNumber() throws Exception {
		assertThat(decode("0610041a020802")).containsExactly(4);
	}

	@Test
	void rejectsBytesThatAreNotAnEnvelope() {
		assertThatExceptionOfType(MalformedFrameException.class).isThrownBy(() -> decode("ff10061a"));
		assertThatExceptionOfType(MalformedFrameException.class).isThrownBy(() -> decode("1010061a0c0805"));
	}

	private static RpcMessage.Builder rpc(RpcAction action) {
		return RpcMessage.newBuilder().setAction(action.code()).setCorrelationId("req-0001").setName("math/add");
	}

	private static RpcMessage decodeRpc(String hex) throws MalformedFrameException {
		List<Object> decoded = decode(hex);
		assertThat(decoded).singleElement().isInstanceOf(RpcMessage.class);
		return (RpcMessage) decoded.get(0);
	}

	private static List<Object> decode(String hex) throws MalformedFrameException {
		RecordingHandler handler = new RecordingHandler();
		FrameCodec.decode(ByteBuffer.wrap(HEX.parseHex(hex)), handler);
		return handler.messages;
	}

	private static String hex(byte[] bytes) {
		return HEX.formatHex(bytes);
	}

	private static final class RecordingHandler implements InboundMessageHandler {

		private final List<Object> messages = new ArrayList<>();

		@Override
		public void onConnection(ConnectionMessage message) {
			record(message);
		}

		@Override
		public void onAuth(AuthMessage message) {
			record(message);
		}

		@Override
		public void onRpc(RpcMessage message) {
			record(message);
		}

		@Override
		public void onParser(ParserMessage message) {
			record(message);
		}

		@Override
		public void onOtherTopic(int topic) {
			this.messages.add(topic);
		}

		private void record(MessageLite message) {
			this.messages.add(message);
		}

	}

}
