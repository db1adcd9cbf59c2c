package dev.deepstreamrpc.client;

/**
 * A value could not be converted to or from JSON.
 */
public class RpcSerializationException extends DeepstreamRpcException {

	public RpcSerializationException(String message) {
		super(message, Outcome.NOT_SENT);
	}

	public RpcSerializationException(String message, Throwable cause) {
		super(message, Outcome.NOT_SENT, cause);
	}

}
