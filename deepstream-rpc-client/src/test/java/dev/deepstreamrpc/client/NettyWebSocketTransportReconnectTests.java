package dev.deepstreamrpc.client;

import dev.deepstreamrpc.client.transport.NettyWebSocketTransport;
import dev.deepstreamrpc.client.transport.Transport;
import org.junit.jupiter.api.AutoClose;

/**
 * Losing the server and getting it back, over the Netty transport instead of the JDK's.
 */
class NettyWebSocketTransportReconnectTests extends ReconnectTests {

	@AutoClose
	private final NettyWebSocketTransport transport = new NettyWebSocketTransport();

	@Override
	protected Transport transport() {
		return this.transport;
	}

}
