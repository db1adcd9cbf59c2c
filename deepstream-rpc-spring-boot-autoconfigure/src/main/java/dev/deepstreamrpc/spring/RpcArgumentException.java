package dev.deepstreamrpc.spring;

/**
 * The request's data could not be bound to the provider method's payload parameter, or
 * failed its validation; the method was not invoked. Its message is what the caller
 * receives, so it never holds the underlying parser's text.
 */
public class RpcArgumentException extends RuntimeException {

	/**
	 * The error value callers receive for data that does not fit.
	 */
	public static final String INVALID_ARGUMENT = "INVALID_ARGUMENT";

	public RpcArgumentException(String message, Throwable cause) {
		super(message, cause);
	}

	public RpcArgumentException(String message) {
		super(message);
	}

}
