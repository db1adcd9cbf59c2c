package dev.deepstreamrpc.embedded;

import java.time.Duration;

/**
 * Makes an {@link EmbeddedDeepstreamServer} misbehave on purpose, so that tests can see
 * how clients cope with timeouts, refusals, failures, slow networks and dropped
 * connections without writing a misbehaving provider.
 * <p>
 * Planned request faults apply to the next requests for a name in the order they were
 * planned and take effect before any provider is chosen. Thread-safe: call from any
 * thread while the server runs.
 */
public interface FaultInjection {

	/**
	 * Swallows the next requests for an RPC: no provider sees them and each caller gets
	 * {@code ACCEPT_TIMEOUT} after the server's ack timeout.
	 * @param rpcName the RPC name
	 * @param requests how many requests to swallow
	 */
	void timeOutNext(String rpcName, int requests);

	/**
	 * Refuses the next requests for an RPC at once with {@code NO_RPC_PROVIDER}, as if
	 * every provider had rejected them.
	 * @param rpcName the RPC name
	 * @param requests how many requests to refuse
	 */
	void rejectNext(String rpcName, int requests);

	/**
	 * Fails the next requests for an RPC at once with {@code REQUEST_ERROR}, as if the
	 * provider had answered with the error.
	 * @param rpcName the RPC name
	 * @param requests how many requests to fail
	 * @param error the error message, sent as a JSON string
	 */
	void failNext(String rpcName, int requests, String error);

	/**
	 * Delays every message the server sends from now on, keeping their order per
	 * connection.
	 * @param delay the delay, or {@link Duration#ZERO} for none
	 */
	void delayMessages(Duration delay);

	/**
	 * Aborts every client connection at once: the TCP connection is closed without a
	 * WebSocket close frame, as a network failure would.
	 * @return how many connections were aborted
	 */
	int dropConnections();

	/**
	 * Aborts every connection logged in as the given user.
	 * @param username the user
	 * @return how many connections were aborted
	 */
	int dropConnections(String username);

	/**
	 * Forgets every planned fault and stops delaying messages.
	 */
	void reset();

}
