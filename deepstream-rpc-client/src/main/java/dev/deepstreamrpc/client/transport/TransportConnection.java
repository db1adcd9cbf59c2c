package dev.deepstreamrpc.client.transport;

/**
 * One open WebSocket connection. Implementations are thread-safe: any thread may send,
 * and messages leave in the order {@link #send} was called.
 */
public interface TransportConnection {

	/**
	 * Queues one binary message without blocking.
	 * @param message the whole message; the caller must not modify it afterwards
	 * @return {@code false} if the connection is closed or its bounded send queue is
	 * full, in which case nothing was queued
	 */
	boolean send(byte[] message);

	/**
	 * Drops the connection at once, without a closing handshake, so that a dead peer
	 * cannot hold the connection open.
	 */
	void abort();

	/**
	 * Starts a normal closing handshake.
	 */
	void close();

}
