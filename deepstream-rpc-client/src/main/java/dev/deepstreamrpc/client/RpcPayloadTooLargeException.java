package dev.deepstreamrpc.client;

/**
 * The request would exceed the server's maximum message size, which would make the server
 * drop the whole connection, so it was not sent.
 */
public class RpcPayloadTooLargeException extends DeepstreamRpcException {

	public RpcPayloadTooLargeException(String message) {
		super(message, Outcome.NOT_SENT);
	}

	public RpcPayloadTooLargeException(String message, Throwable cause) {
		super(message, Outcome.NOT_SENT, cause);
	}

}
