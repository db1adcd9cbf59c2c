package dev.deepstreamrpc.spring.autoconfigure;

import javax.net.ssl.SSLContext;

import dev.deepstreamrpc.client.transport.NettyWebSocketTransport;
import dev.deepstreamrpc.client.transport.Transport;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Connects through a {@link NettyWebSocketTransport} when
 * {@code deepstream.rpc.transport=netty}, trusting the SSL bundle that
 * {@code deepstream.rpc.ssl.bundle} names. Imported before the configuration of a Spring
 * {@code WebSocketClient}, so that the property wins over such a bean; a
 * {@link Transport} bean of the application's own wins over both.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = DeepstreamRpcNettyTransportConfiguration.NETTY_WEBSOCKET_CLIENT)
@ConditionalOnProperty(name = "deepstream.rpc.transport", havingValue = "netty")
class DeepstreamRpcNettyTransportConfiguration {

	static final String NETTY_WEBSOCKET_CLIENT = "io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker";

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(Transport.class)
	NettyWebSocketTransport deepstreamRpcNettyTransport(DeepstreamRpcProperties properties,
			ObjectProvider<SslBundles> sslBundles) {
		String bundle = properties.getSsl().getBundle();
		SSLContext sslContext = (bundle != null) ? sslBundles.getObject().getBundle(bundle).createSslContext() : null;
		return new NettyWebSocketTransport(sslContext, NettyWebSocketTransport.DEFAULT_MAX_QUEUED_BYTES);
	}

}
