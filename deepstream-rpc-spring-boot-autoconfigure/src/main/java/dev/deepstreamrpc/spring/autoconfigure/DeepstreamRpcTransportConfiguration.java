package dev.deepstreamrpc.spring.autoconfigure;

import dev.deepstreamrpc.client.transport.Transport;
import dev.deepstreamrpc.spring.transport.SpringWebSocketTransport;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.client.WebSocketClient;

/**
 * Connects through the application's Spring {@link WebSocketClient} if it defines one
 * (for example Jetty's, or one behind a proxy). Otherwise the client keeps its own
 * transport on the JDK's WebSocket, rather than Spring's standard client on Tomcat's
 * container: Tomcat's client writes each frame's header and payload as two TCP writes
 * without {@code TCP_NODELAY}, so Nagle's algorithm holds every payload until the
 * server's delayed ACK, which adds about 40 ms to every call made one after the other.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ WebSocketClient.class, SpringWebSocketTransport.class })
@ConditionalOnBean(WebSocketClient.class)
class DeepstreamRpcTransportConfiguration {

	@Bean
	@ConditionalOnMissingBean(Transport.class)
	SpringWebSocketTransport deepstreamRpcTransport(WebSocketClient webSocketClient) {
		return new SpringWebSocketTransport(webSocketClient);
	}

}
