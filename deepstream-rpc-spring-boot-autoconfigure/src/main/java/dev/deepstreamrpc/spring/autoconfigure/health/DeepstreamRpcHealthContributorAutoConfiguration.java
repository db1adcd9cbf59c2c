package dev.deepstreamrpc.spring.autoconfigure.health;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.spring.autoconfigure.DeepstreamRpcAutoConfiguration;
import dev.deepstreamrpc.spring.health.DeepstreamRpcHealthIndicator;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.CompositeHealthContributorConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code deepstream} health contributor: one
 * {@link DeepstreamRpcHealthIndicator} per {@link DeepstreamRpcClient} bean, switched off
 * with {@code management.health.deepstream.enabled=false}.
 */
@AutoConfiguration(after = DeepstreamRpcAutoConfiguration.class)
@ConditionalOnClass({ DeepstreamRpcClient.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(DeepstreamRpcClient.class)
@ConditionalOnEnabledHealthIndicator("deepstream")
public final class DeepstreamRpcHealthContributorAutoConfiguration
		extends CompositeHealthContributorConfiguration<DeepstreamRpcHealthIndicator, DeepstreamRpcClient> {

	DeepstreamRpcHealthContributorAutoConfiguration() {
		super(DeepstreamRpcHealthIndicator::new);
	}

	@Bean
	@ConditionalOnMissingBean(name = { "deepstreamHealthIndicator", "deepstreamHealthContributor" })
	HealthContributor deepstreamHealthContributor(ConfigurableListableBeanFactory beanFactory) {
		return createContributor(beanFactory, DeepstreamRpcClient.class);
	}

}
