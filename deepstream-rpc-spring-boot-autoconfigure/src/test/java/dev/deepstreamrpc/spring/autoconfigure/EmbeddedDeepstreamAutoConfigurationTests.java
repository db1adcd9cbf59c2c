package dev.deepstreamrpc.spring.autoconfigure;

import java.net.URI;

import dev.deepstreamrpc.embedded.EmbeddedDeepstreamServer;
import dev.deepstreamrpc.spring.RpcProvider;
import dev.deepstreamrpc.spring.RpcTemplate;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

@org.junit.jupiter.api.extension.ExtendWith(OutputCaptureExtension.class)
class EmbeddedDeepstreamAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(EmbeddedDeepstreamAutoConfiguration.class, DeepstreamRpcAutoConfiguration.class))
		.withPropertyValues("deepstream.rpc.embedded.port=0");

	@Test
	void startsTheEmbeddedServerAndConnectsToItWhenNoUrlIsConfigured(CapturedOutput output) {
		this.runner.withUserConfiguration(EchoConfiguration.class).run((context) -> {
			EmbeddedDeepstreamServer server = context.getBean(EmbeddedDeepstreamServer.class);
			assertThat(context.getBean(DeepstreamConnectionDetails.class).getUrl()).isEqualTo(server.url());
			assertThat(context.getBean(RpcTemplate.class).make("embedded/echo", "hello", String.class))
				.isEqualTo("hello");
			assertThat(output)
				.containsOnlyOnce("Started the embedded deepstream development server at " + server.url());
		});
	}

	@Test
	void stopsTheEmbeddedServerWithTheContext() {
		EmbeddedDeepstreamServer[] server = new EmbeddedDeepstreamServer[1];
		this.runner.run((context) -> server[0] = context.getBean(EmbeddedDeepstreamServer.class));
		assertThat(server[0].isRunning()).isFalse();
	}

	@Test
	void configuredUrlAlwaysWins() {
		this.runner
			.withPropertyValues("deepstream.rpc.url=ws://deepstream.example:6020/deepstream",
					"deepstream.rpc.fail-fast=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(EmbeddedDeepstreamServer.class);
				assertThat(context.getBean(DeepstreamConnectionDetails.class).getUrl())
					.isEqualTo(URI.create("ws://deepstream.example:6020/deepstream"));
			});
	}

	@Test
	void applicationConnectionDetailsWin() {
		this.runner.withPropertyValues("deepstream.rpc.fail-fast=false")
			.withBean(DeepstreamConnectionDetails.class, () -> () -> URI.create("ws://other.example/deepstream"))
			.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedDeepstreamServer.class));
	}

	@Test
	void backsOffWithoutTheEmbeddedModule() {
		this.runner.withClassLoader(new FilteredClassLoader(EmbeddedDeepstreamServer.class))
			.withPropertyValues("deepstream.rpc.fail-fast=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedDeepstreamServer.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withPropertyValues("deepstream.rpc.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedDeepstreamServer.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class EchoConfiguration {

		@Bean
		Echo echo() {
			return new Echo();
		}

	}

	static class Echo {

		@RpcProvider("embedded/echo")
		String echo(String value) {
			return value;
		}

	}

}
