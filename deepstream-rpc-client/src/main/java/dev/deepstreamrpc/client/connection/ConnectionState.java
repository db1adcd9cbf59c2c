package dev.deepstreamrpc.client.connection;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The states of a connection, with the only transitions allowed between them, so that
 * every path through connecting, logging in, losing and closing is written down in one
 * place.
 */
public enum ConnectionState {

	/**
	 * Created, not yet asked to connect.
	 */
	NEW,

	/**
	 * Opening the WebSocket.
	 */
	CONNECTING,

	/**
	 * WebSocket open, challenge sent, waiting for the server to accept it.
	 */
	CHALLENGING,

	/**
	 * Challenge accepted, login sent, waiting for its result.
	 */
	AUTHENTICATING,

	/**
	 * Logged in: calls can be made and providers are served.
	 */
	OPEN,

	/**
	 * The connection was lost or could not be made; waiting before the next attempt.
	 */
	RECONNECTING,

	/**
	 * The server refused the login; waiting longer before trying again with fresh
	 * authentication data.
	 */
	AUTHENTICATION_FAILED,

	/**
	 * Closed for good by the application.
	 */
	CLOSED;

	private static final Map<ConnectionState, Set<ConnectionState>> TRANSITIONS = new EnumMap<>(ConnectionState.class);

	static {
		allow(NEW, CONNECTING, CLOSED);
		allow(CONNECTING, CHALLENGING, RECONNECTING, CLOSED);
		allow(CHALLENGING, AUTHENTICATING, RECONNECTING, AUTHENTICATION_FAILED, CLOSED);
		allow(AUTHENTICATING, OPEN, RECONNECTING, AUTHENTICATION_FAILED, CLOSED);
		allow(OPEN, RECONNECTING, CLOSED);
		allow(RECONNECTING, CONNECTING, CLOSED);
		allow(AUTHENTICATION_FAILED, CONNECTING, CLOSED);
		allow(CLOSED);
	}

	private static void allow(ConnectionState from, ConnectionState... to) {
		Set<ConnectionState> targets = EnumSet.noneOf(ConnectionState.class);
		targets.addAll(Set.of(to));
		TRANSITIONS.put(from, targets);
	}

	/**
	 * Whether the transition table allows moving from this state to the given one.
	 * @param next the state to move to
	 * @return whether the move is allowed
	 */
	public boolean canMoveTo(ConnectionState next) {
		return TRANSITIONS.get(this).contains(next);
	}

}
