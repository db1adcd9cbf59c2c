package dev.deepstreamrpc.spring.autoconfigure.observability;

import java.util.List;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.DeepstreamRpcException;
import dev.deepstreamrpc.spring.RpcOperations;
import dev.deepstreamrpc.spring.autoconfigure.DeepstreamRpcAutoConfiguration;
import dev.deepstreamrpc.spring.autoconfigure.endpoint.RpcProvidersEndpointAutoConfiguration;
import dev.deepstreamrpc.spring.autoconfigure.metrics.DeepstreamRpcMetricsAutoConfiguration;
import dev.deepstreamrpc.spring.endpoint.RpcProvidersEndpoint;
import dev.deepstreamrpc.spring.metrics.DeepstreamRpcClientMetrics;
import dev.deepstreamrpc.spring.observation.DefaultRpcCallObservationConvention;
import dev.deepstreamrpc.spring.observation.RpcCallObservationConvention;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * When the observation wiring, the meter binder and the {@code rpcproviders} endpoint are
 * configured, and when they back off. No server is needed: the client is not required to
 * connect.
 */
class ObservabilityAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DeepstreamRpcAutoConfiguration.class,
				DeepstreamRpcMetricsAutoConfiguration.class, RpcProvidersEndpointAutoConfiguration.class))
		.withPropertyValues("deepstream.rpc.url=ws://localhost:1/deepstream", "deepstream.rpc.fail-fast=false");

	@Test
	void templateCallsAreObservedInTheApplicationsObservationRegistry() {
		TestObservationRegistry observations = TestObservationRegistry.create();
		this.runner.withBean(ObservationRegistry.class, () -> observations).run((context) -> {
			assertThatExceptionOfType(DeepstreamRpcException.class)
				.isThrownBy(() -> context.getBean(RpcOperations.class).make("any/rpc", null, String.class));
			assertThat(observations).hasObservationWithNameEqualTo("deepstream.rpc.client.calls")
				.that()
				.hasLowCardinalityKeyValue("outcome", "NOT_CONNECTED");
		});
	}

	@Test
	void userConventionNamesTheCallObservations() {
		TestObservationRegistry observations = TestObservationRegistry.create();
		this.runner.withBean(ObservationRegistry.class, () -> observations)
			.withBean(RpcCallObservationConvention.class, () -> new DefaultRpcCallObservationConvention() {

				@Override
				public String getName() {
					return "app.rpc.calls";
				}

			})
			.run((context) -> {
				assertThatExceptionOfType(DeepstreamRpcException.class)
					.isThrownBy(() -> context.getBean(RpcOperations.class).make("any/rpc", null, String.class));
				assertThat(observations).hasObservationWithNameEqualTo("app.rpc.calls");
			});
	}

	@Test
	void meterBinderIsConfiguredWithAMeterRegistry() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).hasSingleBean(DeepstreamRpcClientMetrics.class));
	}

	@Test
	void meterBinderBacksOffWithoutAMeterRegistry() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(DeepstreamRpcClientMetrics.class));
	}

	@Test
	void meterBinderBacksOffWithoutMicrometer() {
		this.runner.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(DeepstreamRpcClient.class)
				.doesNotHaveBean(DeepstreamRpcClientMetrics.class));
	}

	@Test
	void meterBinderBacksOffWhenTheUserDefinesOne() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withUserConfiguration(CustomMetricsConfiguration.class)
			.run((context) -> assertThat(context).getBeans(DeepstreamRpcClientMetrics.class)
				.containsOnlyKeys("customMetrics"));
	}

	@Test
	void endpointIsConfiguredWhenExposed() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=rpcproviders")
			.run((context) -> assertThat(context).hasSingleBean(RpcProvidersEndpoint.class));
	}

	@Test
	void endpointBacksOffWhenNotExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(RpcProvidersEndpoint.class));
	}

	@Test
	void endpointBacksOffWhenDisabled() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=rpcproviders",
					"management.endpoint.rpcproviders.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(RpcProvidersEndpoint.class));
	}

	@Test
	void endpointBacksOffWithoutActuator() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=rpcproviders")
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RpcProvidersEndpoint.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomMetricsConfiguration {

		@Bean
		DeepstreamRpcClientMetrics customMetrics(DeepstreamRpcClient client) {
			return new DeepstreamRpcClientMetrics(client, List::of);
		}

	}

}
