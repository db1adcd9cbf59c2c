package dev.deepstreamrpc.spring.autoconfigure;

import dev.deepstreamrpc.client.DeepstreamRpcClientBuilder;

/**
 * Customizes the {@link DeepstreamRpcClientBuilder} of the auto-configured client after
 * the properties have been applied. Customizers are applied in their order.
 */
@FunctionalInterface
public interface DeepstreamRpcClientBuilderCustomizer {

	void customize(DeepstreamRpcClientBuilder builder);

}
