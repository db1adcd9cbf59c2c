package dev.deepstreamrpc.test;

import java.time.Duration;
import java.util.Map;

/**
 * What a JS provider does with each request, chosen from a fixed set because the provider
 * runs in Node and cannot call back into Java.
 */
public final class JsBehaviour {

	private final Map<String, Object> spec;

	private JsBehaviour(Map<String, Object> spec) {
		this.spec = spec;
	}

	/**
	 * Answers with exactly the request data; no data (undefined) is answered with no
	 * data.
	 * @return the behaviour
	 */
	public static JsBehaviour echo() {
		return of("echo");
	}

	/**
	 * Calls {@code response.reject()}: the server tries another provider, or answers
	 * {@code NO_RPC_PROVIDER}.
	 * @return the behaviour
	 */
	public static JsBehaviour reject() {
		return of("reject");
	}

	/**
	 * Calls {@code response.error(message)}: the requestor's call fails with the message.
	 * @param message the error value sent to the requestor
	 * @return the behaviour
	 */
	public static JsBehaviour error(String message) {
		return new JsBehaviour(Map.of("type", "error", "message", message));
	}

	/**
	 * Answers with the sum of the numbers in {@code {numA, numB}} or {@code {a, b}}, or
	 * the error {@code INVALID_ARGUMENT} when they are missing.
	 * @return the behaviour
	 */
	public static JsBehaviour sum() {
		return of("sum");
	}

	/**
	 * Answers {@code {requestorName, requestorData}} as the JS client received them
	 * ({@code null} when absent).
	 * @return the behaviour
	 */
	public static JsBehaviour requestor() {
		return of("requestor");
	}

	/**
	 * Sets {@code response.autoAccept = false} and never answers, so the requestor gets
	 * {@code ACCEPT_TIMEOUT}.
	 * @return the behaviour
	 */
	public static JsBehaviour noAutoAck() {
		return of("noAutoAck");
	}

	/**
	 * Accepts and never answers, so the requestor gets {@code RESPONSE_TIMEOUT}.
	 * @return the behaviour
	 */
	public static JsBehaviour acceptWithoutResponse() {
		return of("acceptWithoutResponse");
	}

	/**
	 * Accepts at once and echoes the data after a delay.
	 * @param delay how long to wait before answering
	 * @return the behaviour
	 */
	public static JsBehaviour delayedEcho(Duration delay) {
		return new JsBehaviour(Map.of("type", "delayedEcho", "delayMs", delay.toMillis()));
	}

	private static JsBehaviour of(String type) {
		return new JsBehaviour(Map.of("type", type));
	}

	Map<String, Object> spec() {
		return this.spec;
	}

	@Override
	public String toString() {
		return "JsBehaviour" + this.spec;
	}

}
