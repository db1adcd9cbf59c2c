package dev.deepstreamrpc.client;

/**
 * How one provided RPC is served.
 *
 * @param autoAck whether requests are acknowledged automatically, in time for the
 * server's ack timeout (see {@link RpcResponse#ack()}); when off, the handler must call
 * {@link RpcResponse#ack()} within that timeout
 * @param maxConcurrency how many requests may be served at once, beyond which requests
 * are rejected so that the server re-routes them; {@code 0} for no limit
 */
public record ProviderOptions(boolean autoAck, int maxConcurrency) {

	private static final ProviderOptions DEFAULTS = new ProviderOptions(true, 0);

	public ProviderOptions {
		if (maxConcurrency < 0) {
			throw new IllegalArgumentException("maxConcurrency must not be negative");
		}
	}

	/**
	 * Acknowledge automatically, no concurrency limit.
	 * @return the default options
	 */
	public static ProviderOptions defaults() {
		return DEFAULTS;
	}

	public ProviderOptions withAutoAck(boolean autoAck) {
		return new ProviderOptions(autoAck, this.maxConcurrency);
	}

	public ProviderOptions withMaxConcurrency(int maxConcurrency) {
		return new ProviderOptions(this.autoAck, maxConcurrency);
	}

}
