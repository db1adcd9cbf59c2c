package dev.deepstreamrpc.spring.test;

import dev.deepstreamrpc.embedded.EmbeddedDeepstreamServerBuilder;

/**
 * Customizes the embedded server of {@link AutoConfigureEmbeddedDeepstream} before it
 * starts, after the properties have been applied, so that a test can add users or change
 * timeouts. Customizers are applied in their order.
 */
@FunctionalInterface
public interface EmbeddedDeepstreamServerCustomizer {

	void customize(EmbeddedDeepstreamServerBuilder builder);

}
