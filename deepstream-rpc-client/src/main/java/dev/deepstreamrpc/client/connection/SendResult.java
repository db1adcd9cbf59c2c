package dev.deepstreamrpc.client.connection;

/**
 * What became of a message handed to a {@link Session}.
 */
public enum SendResult {

	/**
	 * Queued for sending.
	 */
	SENT,

	/**
	 * Not sent because its frame would exceed the server's maximum message size, which
	 * would make the server drop the whole connection.
	 */
	TOO_LARGE,

	/**
	 * Not sent because the session has ended or cannot take more.
	 */
	NOT_OPEN

}
