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
 * Connects through Spring's WebSocket support when it is present: the application's
 * {@link WebSocketClient} if it defines one, else Spring's standard client on Tomcat's
 * WebSocket container. Otherwise the client keeps the JDK's WebSocket.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ WebSocketClient.class, SpringWebSocketTransport.class })
class DeepstreamRpcTransportConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(WebSocketClient.class)
	static class ApplicationWebSocketClientConfiguration {

		@Bean
		@ConditionalOnMissingBean(Transport.class)
		SpringWebSocketTransport deepstreamRpcTransport(WebSocketClient webSocketClient) {
			return new SpringWebSocketTransport(webSocketClient);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.apache.tomcat.websocket.WsWebSocketContainer")
	@ConditionalOnMissingBean(WebSocketClient.class)
	static class StandardWebSocketClientConfiguration {

		@Bean
		@ConditionalOnMissingBean(Transport.class)
		SpringWebSocketTransport deepstreamRpcTransport() {
			return new SpringWebSocketTransport();
		}

	}

}
