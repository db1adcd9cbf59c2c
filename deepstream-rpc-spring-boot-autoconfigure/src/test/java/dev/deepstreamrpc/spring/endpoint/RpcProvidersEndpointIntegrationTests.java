package dev.deepstreamrpc.spring.endpoint;

import dev.deepstreamrpc.client.ProviderOutcome;
import dev.deepstreamrpc.client.RpcNoProviderException;
import dev.deepstreamrpc.spring.RpcOperations;
import dev.deepstreamrpc.spring.RpcProvider;
import dev.deepstreamrpc.spring.autoconfigure.DeepstreamRpcAutoConfiguration;
import dev.deepstreamrpc.spring.autoconfigure.endpoint.RpcProvidersEndpointAutoConfiguration;
import dev.deepstreamrpc.test.DeepstreamServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The {@code rpcproviders} endpoint of an application against a real deepstream server:
 * what it lists, and stopping and starting a provider at runtime.
 */
class RpcProvidersEndpointIntegrationTests {

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension.create();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, DeepstreamRpcAutoConfiguration.class,
				RpcProvidersEndpointAutoConfiguration.class))
		.withPropertyValues("deepstream.rpc.url=" + deepstream.url(),
				"management.endpoints.web.exposure.include=rpcproviders")
		.withUserConfiguration(ProvidersConfiguration.class);

	@Test
	void listsEveryProviderWithItsMethodStateAndOutcomes() {
		this.runner.run((context) -> {
			template(context).make("endpoint/echo", "hi", String.class);
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> template(context).make("endpoint/fail", null, String.class));
			RpcProvidersEndpoint endpoint = context.getBean(RpcProvidersEndpoint.class);
			await().untilAsserted(() -> assertThat(endpoint.providers().providers().get("endpoint/fail").outcomes())
				.containsEntry(ProviderOutcome.ERROR, 1L));
			RpcProvidersDescriptor descriptor = endpoint.providers();
			assertThat(descriptor.providers()).containsOnlyKeys("endpoint/echo", "endpoint/fail");
			RpcProviderDescriptor echo = descriptor.providers().get("endpoint/echo");
			assertThat(echo.bean()).isEqualTo(Providers.class.getName());
			assertThat(echo.method()).isEqualTo("RpcProvidersEndpointIntegrationTests.Providers.echo(String)");
			assertThat(echo.state()).isEqualTo("REGISTERED");
			assertThat(echo.maxConcurrency()).isEqualTo(2);
			assertThat(echo.inFlight()).isZero();
			assertThat(echo.outcomes()).containsEntry(ProviderOutcome.SENT, 1L)
				.containsEntry(ProviderOutcome.ERROR, 0L);
			assertThat(echo.concurrencyLimitRejections()).isZero();
			assertThat(JsonMapper.builder().build().writeValueAsString(descriptor))
				.contains("\"endpoint/echo\":{\"name\":\"endpoint/echo\"", "\"state\":\"REGISTERED\"", "\"SENT\":1");
		});
	}

	@Test
	void readsOneProviderWhoseNameHoldsSlashes() {
		this.runner.run((context) -> {
			RpcProvidersEndpoint endpoint = context.getBean(RpcProvidersEndpoint.class);
			assertThat(endpoint.provider(new String[] { "endpoint", "echo" })).isNotNull()
				.satisfies((echo) -> assertThat(echo.name()).isEqualTo("endpoint/echo"));
			assertThat(endpoint.provider(new String[] { "endpoint", "unknown" })).isNull();
		});
	}

	@Test
	void stoppedProviderIsNoLongerServedUntilStartedAgain() {
		this.runner.run((context) -> {
			RpcProvidersEndpoint endpoint = context.getBean(RpcProvidersEndpoint.class);
			String[] echo = { "endpoint", "echo" };
			assertThat(endpoint.changeState(echo, "stopped").state()).isEqualTo("STOPPED");
			assertThatExceptionOfType(RpcNoProviderException.class)
				.isThrownBy(() -> template(context).make("endpoint/echo", "hi", String.class));
			assertThat(endpoint.providers().providers().get("endpoint/fail").state()).isEqualTo("REGISTERED");
			assertThat(endpoint.changeState(echo, "RUNNING").state()).isEqualTo("REGISTERED");
			assertThat(template(context).make("endpoint/echo", "again", String.class)).isEqualTo("again");
		});
	}

	@Test
	void changingAnUnknownProviderOrToAnUnknownStateIsAnInvalidRequest() {
		this.runner.run((context) -> {
			RpcProvidersEndpoint endpoint = context.getBean(RpcProvidersEndpoint.class);
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.changeState(new String[] { "nothing" }, "stopped"));
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.changeState(new String[] { "endpoint", "echo" }, "paused"));
		});
	}

	private static RpcOperations template(AssertableApplicationContext context) {
		return context.getBean(RpcOperations.class);
	}

	@Configuration(proxyBeanMethods = false)
	static class ProvidersConfiguration {

		@Bean
		Providers providers() {
			return new Providers();
		}

	}

	static class Providers {

		@RpcProvider(name = "endpoint/echo", maxConcurrency = 2)
		String echo(String text) {
			return text;
		}

		@RpcProvider("endpoint/fail")
		String fail() {
			throw new IllegalStateException("failed");
		}

	}

}
