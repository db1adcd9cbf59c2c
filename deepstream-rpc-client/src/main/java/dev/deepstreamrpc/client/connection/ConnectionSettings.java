package dev.deepstreamrpc.client.connection;

import java.net.URI;
import java.time.Duration;

/**
 * The settings of one connection.
 *
 * @param uri the WebSocket URI of the deepstream endpoint
 * @param connectTimeout how long opening, challenging and logging in may take together
 * @param pingInterval how often to ping the server, whatever else is sent
 * @param deadAfter how long a logged-in connection may go without receiving anything
 * before it is aborted
 * @param backoff the delays between reconnection attempts
 * @param loginRetryDelay the delay before trying again after the server refused the
 * login, longer than the backoff so as not to hammer an authentication service
 * @param maxMessageSize the largest frame the server accepts, in bytes
 * @param sdkVersion the version reported to the server in the challenge
 */
public record ConnectionSettings(URI uri, Duration connectTimeout, Duration pingInterval, Duration deadAfter,
		ReconnectBackoff backoff, Duration loginRetryDelay, int maxMessageSize, String sdkVersion) {
}
