package dev.deepstreamrpc.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.deepstreamrpc.client.connection.ConnectionState;
import dev.deepstreamrpc.client.connection.ConnectionStateListener;
import org.jspecify.annotations.Nullable;

/**
 * A client for deepstream remote procedure calls: it makes calls, provides them, and
 * keeps one connection to the server up for its whole life, logging in again and
 * registering its providers again after every reconnect.
 * <p>
 * Every call gets exactly one outcome: its result, or one of the subclasses of
 * {@link DeepstreamRpcException}. Futures are completed on the client's I/O or timer
 * thread unless a completion executor is configured, so work that blocks must be chained
 * with the {@code *Async} methods of {@link CompletableFuture}. Thread-safe.
 */
public interface DeepstreamRpcClient extends AutoCloseable {

	/**
	 * Starts building a client.
	 * @param uri the WebSocket URI of the server's binary endpoint, such as
	 * {@code ws://localhost:6020/deepstream}
	 * @return a builder
	 */
	static DeepstreamRpcClientBuilder builder(URI uri) {
		return new DeepstreamRpcClientBuilder(uri);
	}

	/**
	 * Starts building a client.
	 * @param uri the WebSocket URI of the server's binary endpoint
	 * @return a builder
	 */
	static DeepstreamRpcClientBuilder builder(String uri) {
		return builder(URI.create(uri));
	}

	/**
	 * Starts building a client for several servers, such as the nodes of a deepstream
	 * cluster: it connects to the first and fails over to the next in the list whenever a
	 * connection fails or is lost (see {@link DeepstreamRpcClientBuilder}).
	 * @param uris the WebSocket URIs of the servers' binary endpoints, in the order to
	 * try them
	 * @return a builder
	 */
	static DeepstreamRpcClientBuilder builder(List<URI> uris) {
		return new DeepstreamRpcClientBuilder(uris);
	}

	/**
	 * Connects and logs in, if not started yet. The client keeps trying in the background
	 * whatever the first attempt's result.
	 * @return a future completed at the first successful login, or failed with
	 * {@link RpcAuthenticationException} if the server refused it or
	 * {@link RpcNotConnectedException} if the first attempt failed otherwise
	 */
	CompletableFuture<Void> connect();

	/**
	 * Calls a remote procedure without data, which JavaScript providers see as
	 * {@code undefined}.
	 * @param name the RPC name
	 * @return the result
	 */
	CompletableFuture<Payload> make(String name);

	/**
	 * Calls a remote procedure with the default deadline.
	 * @param name the RPC name
	 * @param data the data, converted to JSON; {@code null} is sent as JSON {@code null}
	 * @return the result
	 */
	CompletableFuture<Payload> make(String name, @Nullable Object data);

	/**
	 * Calls a remote procedure.
	 * @param name the RPC name
	 * @param data the data, converted to JSON; {@code null} is sent as JSON {@code null}
	 * @param deadline how long to wait for the result before failing with
	 * {@link RpcTimeoutException}
	 * @return the result
	 */
	CompletableFuture<Payload> make(String name, @Nullable Object data, Duration deadline);

	/**
	 * Provides a remote procedure with default options.
	 * @param name the RPC name
	 * @param handler serves its requests
	 * @return a future completed when the server first acknowledged the registration, or
	 * failed with {@link RpcPermissionDeniedException}
	 * @throws IllegalStateException if the name is already provided by this client
	 */
	CompletableFuture<Void> provide(String name, RpcRequestHandler handler);

	/**
	 * Provides a remote procedure. Until the client is connected the registration waits,
	 * and it is repeated after every reconnect.
	 * @param name the RPC name
	 * @param options how its requests are served
	 * @param handler serves its requests
	 * @return a future completed when the server first acknowledged the registration, or
	 * failed with {@link RpcPermissionDeniedException}
	 * @throws IllegalStateException if the name is already provided by this client
	 */
	CompletableFuture<Void> provide(String name, ProviderOptions options, RpcRequestHandler handler);

	/**
	 * Stops providing a remote procedure. Requests already received are still served.
	 * @param name the RPC name
	 * @return a future completed when the server acknowledged it, or at once when not
	 * connected
	 */
	CompletableFuture<Void> unprovide(String name);

	/**
	 * The registration state of each provided RPC.
	 * @return the states by name
	 */
	Map<String, ProviderState> providers();

	/**
	 * The number of requests received by this client's providers and not yet answered,
	 * including requests of names unprovided since.
	 * @return the count
	 */
	int servingRequests();

	/**
	 * What each RPC this client has provided has served, including RPCs unprovided since.
	 * @return the statistics by name
	 */
	Map<String, ProviderStatistics> providerStatistics();

	/**
	 * Waits until every request received by this client's providers has been answered, so
	 * that an application can drain its providers before closing the client.
	 * @param timeout how long to wait at most
	 * @return whether all requests were answered in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean awaitRequestsServed(Duration timeout) throws InterruptedException;

	ConnectionState state();

	void addConnectionStateListener(ConnectionStateListener listener);

	/**
	 * The number of calls waiting for their outcome.
	 * @return the count
	 */
	int inFlightCalls();

	/**
	 * How many messages concerned calls that had already ended or were never made:
	 * replies to this client's calls after their deadline, and the server's refusals of
	 * answers this client's providers sent too late. They are counted and otherwise
	 * ignored.
	 * @return the count
	 */
	long unexpectedReplies();

	/**
	 * How many times the client logged in again after its first login, each time after
	 * the connection was lost or the server refused a login.
	 * @return the count
	 */
	long reconnects();

	/**
	 * Closes the client: calls in flight fail with {@link RpcClientClosedException}, the
	 * connection is closed, and the threads the client owns are stopped.
	 */
	@Override
	void close();

}
