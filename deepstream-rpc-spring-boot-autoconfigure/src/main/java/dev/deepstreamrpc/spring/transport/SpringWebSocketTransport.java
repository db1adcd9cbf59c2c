package dev.deepstreamrpc.spring.transport;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.deepstreamrpc.client.transport.JdkWebSocketTransport;
import dev.deepstreamrpc.client.transport.Transport;
import dev.deepstreamrpc.client.transport.TransportConnection;
import dev.deepstreamrpc.client.transport.TransportListener;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;

/**
 * A {@link Transport} on Spring's {@link WebSocketClient}, so that a Spring application
 * opens deepstream's WebSocket with the same client, container and TLS settings as its
 * other WebSockets.
 * <p>
 * Each connection raises its session's binary message limit to the configured maximum,
 * because JSR-356 containers default to 8 KiB where deepstream allows 1 MiB. Thread-safe;
 * closing the transport destroys the WebSocket container that the no-argument constructor
 * created, and nothing else.
 */
public final class SpringWebSocketTransport implements Transport, AutoCloseable {

	/**
	 * The default bound on bytes queued for sending on one connection.
	 */
	public static final int DEFAULT_MAX_QUEUED_BYTES = JdkWebSocketTransport.DEFAULT_MAX_QUEUED_BYTES;

	/**
	 * The default largest inbound message: twice the 1 MiB that a deepstream server
	 * accepts by default, since a relayed message carries a little more than the payload
	 * the server let in.
	 */
	public static final int DEFAULT_MAX_INBOUND_MESSAGE_SIZE = 2 * 1024 * 1024;

	private final WebSocketClient client;

	private final int maxInboundMessageSize;

	private final int maxQueuedBytes;

	private final @Nullable WebSocketContainer ownedContainer;

	/**
	 * Creates a transport on a {@link StandardWebSocketClient} with a JSR-356 container
	 * of its own (Tomcat's, with {@code tomcat-embed-websocket}), destroyed by
	 * {@link #close()}.
	 */
	public SpringWebSocketTransport() {
		this(ContainerProvider.getWebSocketContainer());
	}

	private SpringWebSocketTransport(WebSocketContainer container) {
		this(new StandardWebSocketClient(container), DEFAULT_MAX_INBOUND_MESSAGE_SIZE, DEFAULT_MAX_QUEUED_BYTES,
				container);
		container.setDefaultMaxBinaryMessageBufferSize(DEFAULT_MAX_INBOUND_MESSAGE_SIZE);
	}

	/**
	 * Creates a transport on the given client, which stays the caller's to manage.
	 * @param client the client that opens the WebSockets
	 */
	public SpringWebSocketTransport(WebSocketClient client) {
		this(client, DEFAULT_MAX_INBOUND_MESSAGE_SIZE, DEFAULT_MAX_QUEUED_BYTES);
	}

	/**
	 * Creates a transport on the given client, which stays the caller's to manage.
	 * @param client the client that opens the WebSockets
	 * @param maxInboundMessageSize the largest message a connection accepts
	 * @param maxQueuedBytes the bound on bytes queued for sending on one connection
	 */
	public SpringWebSocketTransport(WebSocketClient client, int maxInboundMessageSize, int maxQueuedBytes) {
		this(client, maxInboundMessageSize, maxQueuedBytes, null);
	}

	private SpringWebSocketTransport(WebSocketClient client, int maxInboundMessageSize, int maxQueuedBytes,
			@Nullable WebSocketContainer ownedContainer) {
		this.client = client;
		this.maxInboundMessageSize = maxInboundMessageSize;
		this.maxQueuedBytes = maxQueuedBytes;
		this.ownedContainer = ownedContainer;
	}

	@Override
	public CompletableFuture<TransportConnection> connect(URI uri, Duration timeout, TransportListener listener) {
		SpringWebSocketConnection connection = new SpringWebSocketConnection(listener, this.maxInboundMessageSize,
				this.maxQueuedBytes);
		this.client.execute(connection.handler(), new WebSocketHttpHeaders(), uri).whenComplete((session, failure) -> {
			if (failure != null) {
				connection.failed(failure);
			}
		});
		CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS)
			.execute(() -> connection.failed(new TimeoutException(
					"No WebSocket handshake with " + uri + " within " + timeout.toMillis() + " ms")));
		return connection.opened();
	}

	/**
	 * Destroys the WebSocket container if this transport created it, which ends its
	 * connections and stops its threads.
	 */
	@Override
	public void close() {
		if (this.ownedContainer != null) {
			WebSocketSessions.destroy(this.ownedContainer);
		}
	}

}
