package dev.deepstreamrpc.spring.autoconfigure.endpoint;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.spring.RpcProviderEndpointRegistry;
import dev.deepstreamrpc.spring.autoconfigure.DeepstreamRpcAutoConfiguration;
import dev.deepstreamrpc.spring.endpoint.RpcProvidersEndpoint;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code rpcproviders} Actuator endpoint, when Actuator is
 * present, the endpoint is enabled and exposed, and the application provides RPCs.
 */
@AutoConfiguration(after = DeepstreamRpcAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(RpcProvidersEndpoint.class)
@ConditionalOnBean({ RpcProviderEndpointRegistry.class, DeepstreamRpcClient.class })
public final class RpcProvidersEndpointAutoConfiguration {

	RpcProvidersEndpointAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	RpcProvidersEndpoint rpcProvidersEndpoint(RpcProviderEndpointRegistry registry, DeepstreamRpcClient client) {
		return new RpcProvidersEndpoint(registry, client);
	}

}
