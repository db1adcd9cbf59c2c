package dev.deepstreamrpc.embedded;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The server's open WebSocket connections, kept so that fault injection and shutdown can
 * abort them.
 * <p>
 * Confined to the server's event loop.
 */
final class Connections {

	/**
	 * The sessions between WebSocket handshake and close; one entry per open connection.
	 */
	private final Set<ClientSession> sessions = new LinkedHashSet<>();

	void add(ClientSession session) {
		this.sessions.add(session);
	}

	void remove(ClientSession session) {
		this.sessions.remove(session);
	}

	/**
	 * Aborts connections without a close frame.
	 * @param username only connections logged in as this user, or {@code null} for all
	 * @return how many connections were aborted
	 */
	int abort(@Nullable String username) {
		List<ClientSession> matching = this.sessions.stream()
			.filter((session) -> username == null || Objects.equals(username, session.userId()))
			.toList();
		matching.forEach(ClientSession::abort);
		return matching.size();
	}

}
