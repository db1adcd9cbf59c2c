package dev.deepstreamrpc.client;

/**
 * The server refused the login. The message names the user, never the password.
 */
public class RpcAuthenticationException extends DeepstreamRpcException {

	public RpcAuthenticationException(String message, Throwable cause) {
		super(message, Outcome.NOT_SENT, cause);
	}

}
