package dev.deepstreamrpc.client;

import dev.deepstreamrpc.client.transport.Transport;
import dev.deepstreamrpc.spring.transport.SpringWebSocketTransport;
import org.junit.jupiter.api.AutoClose;

/**
 * The client's RPC behaviour against a real server, over Spring's standard WebSocket
 * client instead of the JDK's.
 */
class SpringWebSocketTransportRpcTests extends RealServerRpcTests {

	@AutoClose
	private final SpringWebSocketTransport transport = new SpringWebSocketTransport();

	@Override
	protected Transport transport() {
		return this.transport;
	}

}
