package dev.deepstreamrpc.client.connection;

import dev.deepstreamrpc.wire.proto.RpcMessage;

/**
 * The RPC layer as the connection sees it: told when a logged-in session starts and ends,
 * and handed every RPC message, so that the connection knows nothing of RPC semantics.
 */
public interface SessionHandler {

	/**
	 * Called on the connection's I/O thread once a session has logged in.
	 * @param session the session
	 */
	void sessionOpened(Session session);

	/**
	 * Called once when a logged-in session has ended.
	 * @param session the session
	 * @param cause why it ended
	 */
	void sessionClosed(Session session, Throwable cause);

	/**
	 * Called on the connection's I/O thread with each RPC message of a logged-in session.
	 * @param session the session it arrived on
	 * @param message the message
	 */
	void rpcMessage(Session session, RpcMessage message);

}
