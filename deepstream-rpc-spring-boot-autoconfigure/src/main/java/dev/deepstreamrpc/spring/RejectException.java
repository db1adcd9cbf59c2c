package dev.deepstreamrpc.spring;

/**
 * Thrown by an {@link RpcProvider} method to decline a request, so that the server
 * re-routes it to another provider, or answers the caller that no provider is available
 * when none is left.
 */
public class RejectException extends RuntimeException {

	public RejectException() {
		super("Request rejected");
	}

	public RejectException(String message) {
		super(message);
	}

}
