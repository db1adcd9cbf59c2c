package dev.deepstreamrpc.spring;

/**
 * The application could not connect or log in to deepstream at startup while fail-fast
 * was on. The message names the server and the cause, never a password.
 */
public class DeepstreamStartupException extends RuntimeException {

	public DeepstreamStartupException(String message, Throwable cause) {
		super(message, cause);
	}

}
