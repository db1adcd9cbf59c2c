package dev.deepstreamrpc.client;

import org.jspecify.annotations.Nullable;

/**
 * The server refused the login. The message names the user, never the password.
 */
public class RpcAuthenticationException extends DeepstreamRpcException {

	public RpcAuthenticationException(String message, @Nullable Throwable cause) {
		super(message, Outcome.NOT_SENT, cause);
	}

}
