package dev.deepstreamrpc.client.transport;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The default {@link Transport}, on the JDK's {@code java.net.http.WebSocket}, so that
 * the client needs no WebSocket library.
 * <p>
 * The {@code HttpClient} should come from {@link #httpClientBuilder()}: a client with its
 * default executor hands every received message from its selector thread to a pool
 * thread, which on a loaded machine doubled the CPU time per call and halved the rate of
 * sequential calls.
 */
public final class JdkWebSocketTransport implements Transport {

	/**
	 * The default bound on bytes queued for sending on one connection.
	 */
	public static final int DEFAULT_MAX_QUEUED_BYTES = 64 * 1024 * 1024;

	private final HttpClient httpClient;

	private final int maxQueuedBytes;

	public JdkWebSocketTransport() {
		this(httpClientBuilder().build(), DEFAULT_MAX_QUEUED_BYTES);
	}

	/**
	 * Creates a transport on the given client, for example one configured with an
	 * {@code SSLContext}.
	 * @param httpClient the client that opens the WebSockets
	 * @param maxQueuedBytes the bound on bytes queued for sending on one connection
	 */
	public JdkWebSocketTransport(HttpClient httpClient, int maxQueuedBytes) {
		this.httpClient = httpClient;
		this.maxQueuedBytes = maxQueuedBytes;
	}

	/**
	 * Returns a builder for an {@code HttpClient} that runs its callbacks on its own
	 * selector thread, which is safe because this transport's callbacks never block: they
	 * decode, complete futures and hand provider requests to the provider executor. Add
	 * settings such as an {@code SSLContext} before building.
	 * @return a new builder
	 */
	public static HttpClient.Builder httpClientBuilder() {
		return HttpClient.newBuilder().executor(Runnable::run);
	}

	@Override
	public CompletableFuture<TransportConnection> connect(URI uri, Duration timeout, TransportListener listener) {
		JdkWebSocketConnection connection = new JdkWebSocketConnection(listener, this.maxQueuedBytes);
		return this.httpClient.newWebSocketBuilder()
			.connectTimeout(timeout)
			.buildAsync(uri, connection.listener())
			.thenApply(connection::opened);
	}

}
