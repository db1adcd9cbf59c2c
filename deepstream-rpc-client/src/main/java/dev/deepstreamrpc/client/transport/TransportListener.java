package dev.deepstreamrpc.client.transport;

import java.nio.ByteBuffer;

/**
 * Receives what arrives on one {@link TransportConnection}. Calls for one connection are
 * never concurrent, and after {@link #onClosed} no further call is made.
 */
public interface TransportListener {

	/**
	 * Called with each complete binary message.
	 * @param message the message; valid only for the duration of the call
	 */
	void onMessage(ByteBuffer message);

	/**
	 * Called with each text message, which deepstream's binary endpoint never sends.
	 * @param message the message
	 */
	void onTextMessage(CharSequence message);

	/**
	 * Called once when the connection has ended, for whatever reason.
	 * @param cause why it ended, or {@code null} after a normal close
	 */
	void onClosed(@org.jspecify.annotations.Nullable Throwable cause);

}
