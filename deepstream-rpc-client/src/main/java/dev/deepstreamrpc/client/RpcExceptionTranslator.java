package dev.deepstreamrpc.client;

import dev.deepstreamrpc.wire.RpcAction;
import dev.deepstreamrpc.wire.proto.RpcMessage;

/**
 * Maps every failure the server can report for a call to the exception the caller
 * receives, so that no protocol code reaches a caller as a raw string.
 */
final class RpcExceptionTranslator {

	private final PayloadCodec codec;

	RpcExceptionTranslator(PayloadCodec codec) {
		this.codec = codec;
	}

	DeepstreamRpcException translate(RpcMessage message) {
		String name = message.getName();
		RpcAction action = RpcAction.of(message.getAction());
		return switch (action) {
			case REQUEST_ERROR -> remoteError(name, message);
			case NO_RPC_PROVIDER -> new RpcNoProviderException("No provider is available for RPC '" + name + "'");
			case ACCEPT_TIMEOUT ->
				new RpcTimeoutException("No provider acknowledged RPC '" + name + "' within the server's ack timeout",
						RpcTimeoutException.Phase.ACCEPT, true);
			case RESPONSE_TIMEOUT -> new RpcTimeoutException(
					"The provider of RPC '" + name + "' did not answer within the server's response timeout",
					RpcTimeoutException.Phase.RESPONSE, true);
			case MESSAGE_DENIED ->
				new RpcPermissionDeniedException(name, "Permission denied to " + verb(message) + " RPC '" + name + "'");
			case MESSAGE_PERMISSION_ERROR -> new RpcPermissionDeniedException(name,
					"The server's permission rule for " + verb(message) + " RPC '" + name + "' could not be evaluated");
			default ->
				new DeepstreamRpcException("The server answered RPC '" + name + "' with unexpected action " + action,
						DeepstreamRpcException.Outcome.UNKNOWN);
		};
	}

	private RpcRemoteException remoteError(String name, RpcMessage message) {
		Payload error = Payload.of(message.hasData() ? message.getDataBytes().toByteArray() : null, this.codec);
		return new RpcRemoteException("RPC '" + name + "' failed: " + describe(error), error);
	}

	private static String describe(Payload error) {
		String json = error.json();
		if (json == null) {
			return "no error message";
		}
		if (json.startsWith("\"")) {
			try {
				String text = error.as(String.class);
				return (text != null) ? text : json;
			}
			catch (RpcSerializationException ex) {
				return json;
			}
		}
		return json;
	}

	private static String verb(RpcMessage message) {
		return (message.getOriginalAction() == RpcAction.PROVIDE.code()) ? "provide" : "make";
	}

}
