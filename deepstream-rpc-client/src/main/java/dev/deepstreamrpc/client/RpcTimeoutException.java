package dev.deepstreamrpc.client;

/**
 * No answer came in time. The request may have been executed.
 */
public class RpcTimeoutException extends DeepstreamRpcException {

	private final Phase phase;

	private final boolean reportedByServer;

	public RpcTimeoutException(String message, Phase phase, boolean reportedByServer) {
		super(message, Outcome.UNKNOWN);
		this.phase = phase;
		this.reportedByServer = reportedByServer;
	}

	/**
	 * Which answer did not come in time.
	 * @return the phase
	 */
	public Phase phase() {
		return this.phase;
	}

	/**
	 * Whether the server reported the timeout, rather than the client's own deadline
	 * expiring.
	 * @return whether the server reported it
	 */
	public boolean reportedByServer() {
		return this.reportedByServer;
	}

	/**
	 * The two answers a provider owes a request.
	 */
	public enum Phase {

		/**
		 * No provider acknowledged the request.
		 */
		ACCEPT,

		/**
		 * The provider acknowledged the request but did not answer it.
		 */
		RESPONSE

	}

}
