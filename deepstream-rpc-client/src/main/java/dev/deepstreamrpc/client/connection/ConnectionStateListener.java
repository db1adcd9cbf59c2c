package dev.deepstreamrpc.client.connection;

import org.jspecify.annotations.Nullable;

/**
 * Told about every state change of a connection, in order. Called while the connection
 * holds its lock, so implementations must be quick and must not block.
 */
@FunctionalInterface
public interface ConnectionStateListener {

	/**
	 * Called after the connection moved to a new state.
	 * @param previous the state it left
	 * @param current the state it entered
	 * @param cause why it moved, when it moved because of a failure
	 */
	void stateChanged(ConnectionState previous, ConnectionState current, @Nullable Throwable cause);

}
