package dev.deepstreamrpc.client;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception this client raises, so that callers can catch one type and
 * still act on its {@link #outcome()}.
 */
public class DeepstreamRpcException extends RuntimeException {

	private final Outcome outcome;

	public DeepstreamRpcException(String message, Outcome outcome) {
		this(message, outcome, null);
	}

	public DeepstreamRpcException(String message, Outcome outcome, @Nullable Throwable cause) {
		super(message, cause);
		this.outcome = outcome;
	}

	/**
	 * What is known about whether the remote procedure ran.
	 * @return the outcome
	 */
	public Outcome outcome() {
		return this.outcome;
	}

	/**
	 * What a caller can know about a failed call, which decides whether retrying is safe.
	 */
	public enum Outcome {

		/**
		 * The request never reached a provider: retrying is safe.
		 */
		NOT_SENT,

		/**
		 * The request may or may not have been executed: retry only idempotent calls.
		 */
		UNKNOWN,

		/**
		 * A provider or the server answered with a failure: retrying will not help.
		 */
		REMOTE

	}

}
