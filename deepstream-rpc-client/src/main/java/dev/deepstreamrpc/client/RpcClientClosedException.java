package dev.deepstreamrpc.client;

/**
 * The client has been closed.
 */
public class RpcClientClosedException extends DeepstreamRpcException {

	public RpcClientClosedException(String message) {
		super(message, Outcome.NOT_SENT);
	}

	public RpcClientClosedException(String message, Throwable cause) {
		super(message, Outcome.NOT_SENT, cause);
	}

}
