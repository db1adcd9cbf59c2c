package dev.deepstreamrpc.embedded;

import dev.deepstreamrpc.wire.FrameCodec;
import dev.deepstreamrpc.wire.RpcAction;
import dev.deepstreamrpc.wire.proto.AuthMessage;
import dev.deepstreamrpc.wire.proto.ConnectionMessage;
import dev.deepstreamrpc.wire.proto.ParserMessage;
import dev.deepstreamrpc.wire.proto.RpcMessage;
import dev.deepstreamrpc.wire.proto.Topic;
import org.jspecify.annotations.Nullable;

/**
 * Builds the frames the server sends on its own account, with exactly the fields the real
 * server puts on the wire and no others.
 */
final class ServerMessages {

	private static final int UNKNOWN_TOPIC = 1;

	private ServerMessages() {
	}

	static byte[] connection(int action) {
		return FrameCodec.encode(ConnectionMessage.newBuilder().setAction(action).build());
	}

	static byte[] auth(int action) {
		return FrameCodec.encode(AuthMessage.newBuilder().setAction(action).build());
	}

	static byte[] auth(int action, @Nullable String data) {
		AuthMessage.Builder message = AuthMessage.newBuilder().setAction(action);
		if (data != null) {
			message.setData(data);
		}
		return FrameCodec.encode(message.build());
	}

	static byte[] unknownTopic() {
		return FrameCodec.encode(Topic.PARSER, ParserMessage.newBuilder().setAction(UNKNOWN_TOPIC).build());
	}

	/**
	 * Builds a notice about one call, such as {@code NO_RPC_PROVIDER} or
	 * {@code ACCEPT_TIMEOUT}: only name and correlation id.
	 * @param action the action
	 * @param name the RPC name
	 * @param correlationId the call's correlation id
	 * @return the frame
	 */
	static byte[] rpc(RpcAction action, String name, String correlationId) {
		return FrameCodec.encode(
				RpcMessage.newBuilder().setAction(action.code()).setName(name).setCorrelationId(correlationId).build());
	}

	static byte[] invalidCorrelationId(RpcMessage offending) {
		return FrameCodec.encode(RpcMessage.newBuilder()
			.setAction(RpcAction.INVALID_RPC_CORRELATION_ID.code())
			.setOriginalAction(offending.getAction())
			.setName(offending.getName())
			.setCorrelationId(offending.getCorrelationId())
			.setIsError(true)
			.build());
	}

	static byte[] multipleProviders(String name) {
		return FrameCodec.encode(RpcMessage.newBuilder()
			.setAction(RpcAction.MULTIPLE_PROVIDERS.code())
			.setOriginalAction(RpcAction.PROVIDE.code())
			.setName(name)
			.build());
	}

	static byte[] ack(int action, String correlationId) {
		return FrameCodec
			.encode(RpcMessage.newBuilder().setAction(action).setCorrelationId(correlationId).setIsAck(true).build());
	}

	static byte[] requestError(String name, String correlationId, String data) {
		return FrameCodec.encode(RpcMessage.newBuilder()
			.setAction(RpcAction.REQUEST_ERROR.code())
			.setData(data)
			.setName(name)
			.setCorrelationId(correlationId)
			.build());
	}

}
