package dev.deepstreamrpc.embedded;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The states of one client connection as the server sees it, with the only transitions
 * allowed between them, so that the handshake, the login and the close are written down
 * in one place.
 */
enum SessionState {

	/**
	 * WebSocket open, waiting for {@code CONNECTION/CHALLENGE}.
	 */
	AWAITING_CHALLENGE,

	/**
	 * Challenge accepted, waiting for a successful {@code AUTH/REQUEST}.
	 */
	AWAITING_LOGIN,

	/**
	 * Logged in: RPC messages are routed, pings answered.
	 */
	OPEN,

	/**
	 * The server decided to close the connection; nothing more is read.
	 */
	CLOSING,

	/**
	 * The connection is gone.
	 */
	CLOSED;

	private static final Map<SessionState, Set<SessionState>> TRANSITIONS = new EnumMap<>(SessionState.class);

	static {
		allow(AWAITING_CHALLENGE, AWAITING_LOGIN, CLOSING, CLOSED);
		allow(AWAITING_LOGIN, OPEN, CLOSING, CLOSED);
		allow(OPEN, CLOSING, CLOSED);
		allow(CLOSING, CLOSED);
		allow(CLOSED);
	}

	private static void allow(SessionState from, SessionState... to) {
		Set<SessionState> targets = EnumSet.noneOf(SessionState.class);
		targets.addAll(Set.of(to));
		TRANSITIONS.put(from, targets);
	}

	/**
	 * Whether the transition table allows moving from this state to the given one.
	 * @param next the state to move to
	 * @return whether the move is allowed
	 */
	boolean canMoveTo(SessionState next) {
		return TRANSITIONS.get(this).contains(next);
	}

}
