package dev.deepstreamrpc.client;

/**
 * The client already has as many calls in flight as it allows, so the call was not sent.
 */
public class RpcBackpressureException extends DeepstreamRpcException {

	public RpcBackpressureException(String message) {
		super(message, Outcome.NOT_SENT);
	}

	public RpcBackpressureException(String message, Throwable cause) {
		super(message, Outcome.NOT_SENT, cause);
	}

}
