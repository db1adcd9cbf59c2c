package dev.deepstreamrpc.spring.test;

import dev.deepstreamrpc.embedded.EmbeddedDeepstreamServer;
import dev.deepstreamrpc.embedded.EmbeddedDeepstreamServerBuilder;
import dev.deepstreamrpc.spring.autoconfigure.DeepstreamConnectionDetails;
import dev.deepstreamrpc.spring.autoconfigure.DeepstreamRpcAutoConfiguration;
import dev.deepstreamrpc.spring.autoconfigure.DeepstreamRpcProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Test auto-configuration imported by {@link AutoConfigureEmbeddedDeepstream}: starts an
 * {@link EmbeddedDeepstreamServer} and makes it the server the application connects to.
 * It runs before the deepstream auto-configurations so that the properties' connection
 * details and the development server back off.
 */
@AutoConfiguration(before = DeepstreamRpcAutoConfiguration.class,
		beforeName = "dev.deepstreamrpc.spring.autoconfigure.EmbeddedDeepstreamAutoConfiguration")
@ConditionalOnBooleanProperty(name = "deepstream.rpc.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DeepstreamRpcProperties.class)
public final class EmbeddedDeepstreamTestAutoConfiguration {

	EmbeddedDeepstreamTestAutoConfiguration() {
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	EmbeddedDeepstreamServer embeddedDeepstreamServer(DeepstreamRpcProperties properties,
			ObjectProvider<EmbeddedDeepstreamServerCustomizer> customizers) {
		DeepstreamRpcProperties.Server server = properties.getServer();
		EmbeddedDeepstreamServerBuilder builder = EmbeddedDeepstreamServer.builder()
			.port(0)
			.ackTimeout(server.getAckTimeout())
			.responseTimeout(server.getResponseTimeout());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.start();
	}

	@Bean
	@Primary
	DeepstreamConnectionDetails embeddedDeepstreamConnectionDetails(EmbeddedDeepstreamServer server,
			DeepstreamRpcProperties properties) {
		return new EmbeddedDeepstreamConnectionDetails(server, properties.getAuthentication());
	}

}
