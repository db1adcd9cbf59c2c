package dev.deepstreamrpc.client;

/**
 * The connection was lost while the call was in flight, so whether it ran is unknown.
 */
public class RpcConnectionLostException extends DeepstreamRpcException {

	public RpcConnectionLostException(String message) {
		super(message, Outcome.UNKNOWN);
	}

	public RpcConnectionLostException(String message, Throwable cause) {
		super(message, Outcome.UNKNOWN, cause);
	}

}
