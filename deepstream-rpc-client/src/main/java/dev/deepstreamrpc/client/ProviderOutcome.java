package dev.deepstreamrpc.client;

/**
 * How a request received by a provider ended, so that operators can count answers and
 * failures per provided RPC.
 */
public enum ProviderOutcome {

	/**
	 * Answered with a value.
	 */
	SENT,

	/**
	 * Answered with an error.
	 */
	ERROR,

	/**
	 * Answered with an error because its data was not valid: an error value that is, or
	 * starts with, {@code INVALID_ARGUMENT}.
	 */
	INVALID_ARGUMENT,

	/**
	 * Declined, so that the server tries another provider.
	 */
	REJECTED,

	/**
	 * Left unanswered until the server stopped waiting for it.
	 */
	EXPIRED

}
