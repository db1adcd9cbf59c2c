package dev.deepstreamrpc.client.transport;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The default {@link Transport}, on the JDK's {@code java.net.http.WebSocket}, so that
 * the client needs no WebSocket library.
 */
public final class JdkWebSocketTransport implements Transport {

	/**
	 * The default bound on bytes queued for sending on one connection.
	 */
	public static final int DEFAULT_MAX_QUEUED_BYTES = 64 * 1024 * 1024;

	private final HttpClient httpClient;

	private final int maxQueuedBytes;

	public JdkWebSocketTransport() {
		this(HttpClient.newHttpClient(), DEFAULT_MAX_QUEUED_BYTES);
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

	@Override
	public CompletableFuture<TransportConnection> connect(URI uri, Duration timeout, TransportListener listener) {
		JdkWebSocketConnection connection = new JdkWebSocketConnection(listener, this.maxQueuedBytes);
		return this.httpClient.newWebSocketBuilder()
			.connectTimeout(timeout)
			.buildAsync(uri, connection.listener())
			.thenApply(connection::opened);
	}

}
