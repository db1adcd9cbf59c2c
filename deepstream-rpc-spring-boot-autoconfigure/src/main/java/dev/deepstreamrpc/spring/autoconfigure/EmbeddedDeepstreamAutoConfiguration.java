package dev.deepstreamrpc.spring.autoconfigure;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.embedded.EmbeddedDeepstreamServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Starts an {@link EmbeddedDeepstreamServer} and connects to it when no server URL is
 * configured and the embedded module is on the classpath, the way an application runs on
 * an embedded database until it is pointed at a real one. A configured
 * {@code deepstream.rpc.url}, or connection details of the application's own, always win.
 */
@AutoConfiguration(before = DeepstreamRpcAutoConfiguration.class)
@ConditionalOnClass({ EmbeddedDeepstreamServer.class, DeepstreamRpcClient.class })
@ConditionalOnBooleanProperty(name = "deepstream.rpc.enabled", matchIfMissing = true)
@Conditional(NoConfiguredUrlCondition.class)
@ConditionalOnMissingBean(DeepstreamConnectionDetails.class)
@EnableConfigurationProperties(DeepstreamRpcProperties.class)
public final class EmbeddedDeepstreamAutoConfiguration {

	private static final Log logger = LogFactory.getLog(EmbeddedDeepstreamAutoConfiguration.class);

	EmbeddedDeepstreamAutoConfiguration() {
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	EmbeddedDeepstreamServer embeddedDeepstreamServer(DeepstreamRpcProperties properties) {
		DeepstreamRpcProperties.Server timeouts = properties.getServer();
		EmbeddedDeepstreamServer server = EmbeddedDeepstreamServer.builder()
			.port(properties.getEmbedded().getPort())
			.ackTimeout(timeouts.getAckTimeout())
			.responseTimeout(timeouts.getResponseTimeout())
			.start();
		logger.info("Started the embedded deepstream development server at " + server.url()
				+ "; set deepstream.rpc.url to use a real deepstream server");
		return server;
	}

	@Bean
	@ConditionalOnMissingBean
	DeepstreamConnectionDetails deepstreamConnectionDetails(EmbeddedDeepstreamServer server) {
		return server::url;
	}

}
