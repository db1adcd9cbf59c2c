package dev.deepstreamrpc.spring.autoconfigure.metrics;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.spring.RpcProviderEndpoint;
import dev.deepstreamrpc.spring.RpcProviderEndpointRegistry;
import dev.deepstreamrpc.spring.autoconfigure.DeepstreamRpcAutoConfiguration;
import dev.deepstreamrpc.spring.metrics.DeepstreamRpcClientMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the gauges and counters of the {@link DeepstreamRpcClient}, when
 * Micrometer is present and the application has a {@link MeterRegistry}. The timers of
 * calls and invocations come from their observations instead.
 */
@AutoConfiguration(after = DeepstreamRpcAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, DeepstreamRpcClient.class })
public final class DeepstreamRpcMetricsAutoConfiguration {

	DeepstreamRpcMetricsAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	DeepstreamRpcClientMetrics deepstreamRpcClientMetrics(DeepstreamRpcClient client,
			ObjectProvider<RpcProviderEndpointRegistry> endpointRegistry) {
		return new DeepstreamRpcClientMetrics(client,
				() -> endpointRegistry.stream()
					.flatMap((registry) -> registry.getEndpoints().stream())
					.map(RpcProviderEndpoint::getName)
					.toList());
	}

}
