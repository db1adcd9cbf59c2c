package dev.deepstreamrpc.spring.autoconfigure;

import java.time.Duration;
import java.util.concurrent.Executor;

import dev.deepstreamrpc.client.AuthDataSupplier;
import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.DeepstreamRpcClientBuilder;
import dev.deepstreamrpc.client.JacksonPayloadCodec;
import dev.deepstreamrpc.client.PayloadCodec;
import dev.deepstreamrpc.client.transport.Transport;
import dev.deepstreamrpc.spring.DeepstreamRpcClientLifecycle;
import dev.deepstreamrpc.spring.RpcOperations;
import dev.deepstreamrpc.spring.RpcTemplate;
import dev.deepstreamrpc.spring.observation.RpcCallObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Scope;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.Assert;

/**
 * Auto-configuration for deepstream RPC: a connected {@link DeepstreamRpcClient}, an
 * {@link RpcTemplate} and the registration of {@code @RpcProvider} methods.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration" })
@ConditionalOnClass(DeepstreamRpcClient.class)
@ConditionalOnBooleanProperty(name = "deepstream.rpc.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DeepstreamRpcProperties.class)
@Import({ DeepstreamRpcAutoConfiguration.ConnectionDetailsConfiguration.class,
		DeepstreamRpcNettyTransportConfiguration.class, DeepstreamRpcTransportConfiguration.class,
		DeepstreamRpcAutoConfiguration.ClientConfiguration.class,
		DeepstreamRpcAutoConfiguration.ProviderExecutorConfiguration.class,
		DeepstreamRpcAutoConfiguration.TemplateConfiguration.class, DeepstreamRpcProviderConfiguration.class })
public final class DeepstreamRpcAutoConfiguration {

	/**
	 * The name of the executor that {@code @RpcProvider} methods run on.
	 */
	static final String PROVIDER_EXECUTOR_BEAN_NAME = "deepstreamRpcProviderExecutor";

	DeepstreamRpcAutoConfiguration() {
	}

	@Configuration(proxyBeanMethods = false)
	static class ConnectionDetailsConfiguration {

		@Bean
		@ConditionalOnMissingBean(DeepstreamConnectionDetails.class)
		PropertiesDeepstreamConnectionDetails deepstreamConnectionDetails(DeepstreamRpcProperties properties) {
			return new PropertiesDeepstreamConnectionDetails(properties);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		PayloadCodec deepstreamRpcPayloadCodec(ObjectProvider<JsonMapper> jsonMapper) {
			return new JacksonPayloadCodec(jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()));
		}

		@Bean
		@Scope(BeanDefinition.SCOPE_PROTOTYPE)
		@ConditionalOnMissingBean
		DeepstreamRpcClientBuilder deepstreamRpcClientBuilder(DeepstreamRpcProperties properties,
				DeepstreamConnectionDetails connectionDetails, ObjectProvider<AuthDataSupplier> authDataSupplier,
				PayloadCodec payloadCodec, ObjectProvider<Transport> transport, ObjectProvider<SslBundles> sslBundles,
				@Qualifier(PROVIDER_EXECUTOR_BEAN_NAME) ObjectProvider<Executor> providerExecutor,
				ObjectProvider<DeepstreamRpcClientBuilderCustomizer> customizers) {
			DeepstreamRpcClientBuilder builder = DeepstreamRpcClient.builder(connectionDetails.getUrls())
				.authData(authDataSupplier.getIfAvailable(() -> connectionDetails::getAuthData))
				.payloadCodec(payloadCodec);
			new PropertiesDeepstreamRpcClientBuilderCustomizer(properties).customize(builder);
			boolean netty = properties.getTransport() == DeepstreamRpcProperties.WebSocketTransport.NETTY;
			Transport configuredTransport = transport.getIfAvailable();
			Assert.state(!netty || configuredTransport != null,
					"deepstream.rpc.transport is netty, but io.netty:netty-codec-http is not on the class path");
			String sslBundle = properties.getSsl().getBundle();
			if (sslBundle != null && !netty) {
				builder.sslContext(sslBundles.getObject().getBundle(sslBundle).createSslContext());
			}
			else if (configuredTransport != null) {
				builder.transport(configuredTransport);
			}
			if (properties.getProvider().isRunOnIoThread()) {
				builder.providerHandlersOnIoThread();
			}
			else {
				providerExecutor.ifAvailable(builder::providerExecutor);
			}
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder;
		}

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		DeepstreamRpcClient deepstreamRpcClient(DeepstreamRpcClientBuilder builder) {
			return builder.build();
		}

		@Bean
		@ConditionalOnMissingBean
		DeepstreamRpcClientLifecycle deepstreamRpcClientLifecycle(DeepstreamRpcClient client,
				DeepstreamRpcProperties properties) {
			return new DeepstreamRpcClientLifecycle(client, properties.isFailFast(), properties.getConnectTimeout());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "deepstream.rpc.provider.run-on-io-thread", havingValue = false,
			matchIfMissing = true)
	static class ProviderExecutorConfiguration {

		@Bean(name = PROVIDER_EXECUTOR_BEAN_NAME, destroyMethod = "shutdown")
		@ConditionalOnMissingBean(name = PROVIDER_EXECUTOR_BEAN_NAME)
		@ConditionalOnThreading(Threading.PLATFORM)
		ThreadPoolTaskExecutor deepstreamRpcProviderExecutor(DeepstreamRpcProperties properties) {
			DeepstreamRpcProperties.Provider.Executor executor = properties.getProvider().getExecutor();
			ThreadPoolTaskExecutor pool = new ProviderThreadPoolTaskExecutor();
			pool.setThreadNamePrefix("deepstream-rpc-provider-");
			pool.setCorePoolSize(executor.getThreads());
			pool.setMaxPoolSize(executor.getThreads());
			pool.setQueueCapacity(executor.getQueueCapacity());
			pool.setAllowCoreThreadTimeOut(true);
			pool.setDaemon(true);
			return pool;
		}

		@Bean(name = PROVIDER_EXECUTOR_BEAN_NAME)
		@ConditionalOnMissingBean(name = PROVIDER_EXECUTOR_BEAN_NAME)
		@ConditionalOnThreading(Threading.VIRTUAL)
		SimpleAsyncTaskExecutor deepstreamRpcVirtualThreadProviderExecutor(DeepstreamRpcProperties properties) {
			SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("deepstream-rpc-provider-");
			executor.setVirtualThreads(true);
			executor.setConcurrencyLimit(properties.getProvider().getExecutor().getThreads());
			executor.setRejectTasksWhenLimitReached(true);
			return executor;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TemplateConfiguration {

		@Bean
		@ConditionalOnMissingBean(RpcOperations.class)
		RpcTemplate rpcTemplate(DeepstreamRpcClient client, DeepstreamRpcProperties properties,
				ObjectProvider<ObservationRegistry> observationRegistry,
				ObjectProvider<RpcCallObservationConvention> observationConvention) {
			RpcTemplate template = new RpcTemplate(client, deadline(properties));
			observationRegistry.ifUnique(template::setObservationRegistry);
			template.setObservationConvention(observationConvention.getIfUnique());
			return template;
		}

		private static Duration deadline(DeepstreamRpcProperties properties) {
			Duration deadline = properties.getTemplate().getDeadline();
			if (deadline != null) {
				return deadline;
			}
			DeepstreamRpcProperties.Server server = properties.getServer();
			return server.getAckTimeout().plus(server.getResponseTimeout()).plusSeconds(1);
		}

	}

}
