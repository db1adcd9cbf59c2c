package dev.deepstreamrpc.client;

/**
 * The client was not connected, so the call was not sent.
 */
public class RpcNotConnectedException extends DeepstreamRpcException {

	public RpcNotConnectedException(String message) {
		super(message, Outcome.NOT_SENT);
	}

	public RpcNotConnectedException(String message, Throwable cause) {
		super(message, Outcome.NOT_SENT, cause);
	}

}
