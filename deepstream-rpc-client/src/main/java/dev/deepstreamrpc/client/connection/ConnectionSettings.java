package dev.deepstreamrpc.client.connection;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The settings of one connection.
 *
 * @param uris the WebSocket URIs of the deepstream endpoints, tried in turn: several
 * nodes of one cluster, or a single server
 * @param connectTimeout how long opening, challenging and logging in may take together
 * @param pingInterval how often to ping the server, whatever else is sent
 * @param deadAfter how long a logged-in connection may go without a PONG before it is
 * aborted
 * @param backoff the delays between rounds of reconnection attempts
 * @param loginRetryDelay the delay before trying again after the server refused the
 * login, longer than the backoff so as not to hammer an authentication service
 * @param maxMessageSize the largest frame the server accepts, in bytes
 * @param sdkVersion the version reported to the server in the challenge
 */
public record ConnectionSettings(List<URI> uris, Duration connectTimeout, Duration pingInterval, Duration deadAfter,
		ReconnectBackoff backoff, Duration loginRetryDelay, int maxMessageSize, String sdkVersion) {

	public ConnectionSettings {
		uris = List.copyOf(uris);
		if (uris.isEmpty()) {
			throw new IllegalArgumentException("uris must not be empty");
		}
	}

	/**
	 * Creates the settings of a connection to a single server.
	 * @param uri the WebSocket URI of the deepstream endpoint
	 * @param connectTimeout how long opening, challenging and logging in may take
	 * together
	 * @param pingInterval how often to ping the server
	 * @param deadAfter how long a logged-in connection may go without a PONG
	 * @param backoff the delays between reconnection attempts
	 * @param loginRetryDelay the delay before trying again after a refused login
	 * @param maxMessageSize the largest frame the server accepts, in bytes
	 * @param sdkVersion the version reported to the server in the challenge
	 */
	public ConnectionSettings(URI uri, Duration connectTimeout, Duration pingInterval, Duration deadAfter,
			ReconnectBackoff backoff, Duration loginRetryDelay, int maxMessageSize, String sdkVersion) {
		this(List.of(uri), connectTimeout, pingInterval, deadAfter, backoff, loginRetryDelay, maxMessageSize,
				sdkVersion);
	}

}
