package dev.deepstreamrpc.embedded;

import java.time.Duration;
import java.util.Map;

/**
 * The configuration of one embedded server, frozen by the builder so that the running
 * server reads immutable values from any thread.
 *
 * @param host the address to bind
 * @param port the port, or {@code 0} for a free one
 * @param ackTimeout how long a provider may take to accept a request
 * @param responseTimeout how long a provider may take to answer, from dispatch
 * @param heartbeatInterval how often silent connections are looked for
 * @param maxMessageSize the largest WebSocket message accepted
 * @param unauthenticatedClientTimeout how long a connection may go without a login result
 * @param maxAuthAttempts how many failed logins close a connection
 * @param users the static users by name; empty for open authentication
 * @param provideRequestorName whether providers receive the requestor's user id
 * @param provideRequestorData whether providers receive the requestor's client data
 */
record EmbeddedSettings(String host, int port, Duration ackTimeout, Duration responseTimeout,
		Duration heartbeatInterval, int maxMessageSize, Duration unauthenticatedClientTimeout, int maxAuthAttempts,
		Map<String, UserAccount> users, boolean provideRequestorName, boolean provideRequestorData) {

}
