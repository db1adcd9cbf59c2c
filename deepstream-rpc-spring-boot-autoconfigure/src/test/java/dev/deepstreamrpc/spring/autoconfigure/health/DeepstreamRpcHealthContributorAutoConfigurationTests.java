package dev.deepstreamrpc.spring.autoconfigure.health;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.spring.autoconfigure.DeepstreamRpcAutoConfiguration;
import dev.deepstreamrpc.spring.health.DeepstreamRpcHealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DeepstreamRpcHealthContributorAutoConfiguration}. No server is needed:
 * with fail-fast off the client keeps trying to reach an unused port until its context
 * closes.
 */
class DeepstreamRpcHealthContributorAutoConfigurationTests {

	private static final String URL = "ws://127.0.0.1:9/deepstream";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DeepstreamRpcAutoConfiguration.class,
				DeepstreamRpcHealthContributorAutoConfiguration.class))
		.withPropertyValues("deepstream.rpc.url=" + URL, "deepstream.rpc.fail-fast=false");

	@Test
	void contributesTheDeepstreamIndicatorForTheClient() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(DeepstreamRpcHealthIndicator.class);
			assertThat(context).hasBean("deepstreamHealthContributor");
		});
	}

	@Test
	void reportsAnUnreachableServerAsDown() {
		this.runner.run((context) -> {
			Health health = context.getBean(DeepstreamRpcHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsKeys("state", "since", "reason", "providers");
		});
	}

	@Test
	void backsOffWhenTheIndicatorIsDisabled() {
		this.runner.withPropertyValues("management.health.deepstream.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DeepstreamRpcHealthIndicator.class)
				.doesNotHaveBean("deepstreamHealthContributor"));
	}

	@Test
	void backsOffWhenDefaultIndicatorsAreDisabled() {
		this.runner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("deepstreamHealthContributor"));
	}

	@Test
	void backsOffWithoutAClient() {
		this.runner.withPropertyValues("deepstream.rpc.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("deepstreamHealthContributor"));
	}

	@Test
	void backsOffWithoutSpringBootHealth() {
		new ApplicationContextRunner().withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.withUserConfiguration(ImportedAutoConfiguration.class)
			.withPropertyValues("deepstream.rpc.url=" + URL, "deepstream.rpc.fail-fast=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("deepstreamHealthContributor"));
	}

	@Test
	void backsOffWhenTheUserProvidesTheIndicator() {
		this.runner.withUserConfiguration(UserIndicatorConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean("deepstreamHealthContributor")
				.hasSingleBean(HealthIndicator.class));
	}

	@Test
	void contributesOneIndicatorPerClientWhenThereAreSeveral() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DeepstreamRpcHealthContributorAutoConfiguration.class))
			.withUserConfiguration(TwoClientsConfiguration.class)
			.run((context) -> {
				CompositeHealthContributor composite = context.getBean("deepstreamHealthContributor",
						CompositeHealthContributor.class);
				assertThat(composite.stream().map((entry) -> entry.name())).containsExactlyInAnyOrder("orders",
						"billing");
			});
	}

	/**
	 * Imports the auto-configurations the way an application does, so that the import
	 * filter skips the health one before its conditions need the missing classes.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DeepstreamRpcAutoConfiguration.class,
			DeepstreamRpcHealthContributorAutoConfiguration.class })
	static class ImportedAutoConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class UserIndicatorConfiguration {

		@Bean
		HealthIndicator deepstreamHealthIndicator() {
			return () -> Health.up().build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoClientsConfiguration {

		@Bean(destroyMethod = "close")
		DeepstreamRpcClient orders() {
			return DeepstreamRpcClient.builder(URL).build();
		}

		@Bean(destroyMethod = "close")
		DeepstreamRpcClient billing() {
			return DeepstreamRpcClient.builder(URL).build();
		}

	}

}
