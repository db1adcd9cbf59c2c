package dev.deepstreamrpc.client.transport;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Opens WebSocket connections for the client, so that the WebSocket implementation can be
 * chosen: the JDK's by default, {@link NettyWebSocketTransport Netty's} for less CPU time
 * per call under load, or an application's Spring {@code WebSocketClient}.
 */
@FunctionalInterface
public interface Transport {

	/**
	 * Opens one WebSocket connection.
	 * @param uri the WebSocket URI
	 * @param timeout how long the opening handshake may take
	 * @param listener receives the connection's messages and its end; never called before
	 * the returned future completes
	 * @return a future completed with the open connection, or failed with the cause
	 */
	CompletableFuture<TransportConnection> connect(URI uri, Duration timeout, TransportListener listener);

}
