package dev.deepstreamrpc.client;

import dev.deepstreamrpc.client.transport.NettyWebSocketTransport;
import dev.deepstreamrpc.client.transport.Transport;
import org.junit.jupiter.api.AutoClose;

/**
 * The client's RPC behaviour against a real server, over the Netty transport instead of
 * the JDK's.
 */
class NettyWebSocketTransportRpcTests extends RealServerRpcTests {

	@AutoClose
	private final NettyWebSocketTransport transport = new NettyWebSocketTransport();

	@Override
	protected Transport transport() {
		return this.transport;
	}

}
