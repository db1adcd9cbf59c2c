package dev.deepstreamrpc.test;

/**
 * Thrown when the JS client process cannot do what a test asked (login refused, provide
 * not acknowledged, process gone), so that setup failures are not mistaken for RPC
 * results.
 */
public final class JsClientException extends RuntimeException {

	JsClientException(String message) {
		super(message);
	}

	JsClientException(String message, Throwable cause) {
		super(message, cause);
	}

}
