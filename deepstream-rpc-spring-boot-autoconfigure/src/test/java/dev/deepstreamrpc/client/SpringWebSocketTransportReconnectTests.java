package dev.deepstreamrpc.client;

import dev.deepstreamrpc.client.transport.Transport;
import dev.deepstreamrpc.spring.transport.SpringWebSocketTransport;
import org.junit.jupiter.api.AutoClose;

/**
 * The client's reconnect behaviour against a real server, over Spring's standard
 * WebSocket client instead of the JDK's.
 */
class SpringWebSocketTransportReconnectTests extends ReconnectTests {

	@AutoClose
	private final SpringWebSocketTransport transport = new SpringWebSocketTransport();

	@Override
	protected Transport transport() {
		return this.transport;
	}

}
