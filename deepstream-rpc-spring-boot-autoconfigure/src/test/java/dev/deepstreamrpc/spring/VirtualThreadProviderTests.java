package dev.deepstreamrpc.spring;

import dev.deepstreamrpc.spring.autoconfigure.DeepstreamRpcAutoConfiguration;
import dev.deepstreamrpc.test.DeepstreamServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Provider methods on virtual threads. Runs on Java 21 or later: the build runs it on the
 * installed Java 25 when there is one.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadProviderTests {

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension.create();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DeepstreamRpcAutoConfiguration.class))
		.withPropertyValues("deepstream.rpc.url=" + deepstream.url())
		.withUserConfiguration(ThreadReporterConfiguration.class);

	@Test
	void providerMethodsRunOnVirtualThreadsWhenEnabled() {
		this.runner.withPropertyValues("spring.threads.virtual.enabled=true")
			.run((context) -> assertThat(context.getBean(RpcTemplate.class).make("thread/kind", null, String.class))
				.isEqualTo("virtual"));
	}

	@Test
	void providerMethodsRunOnPlatformThreadsByDefault() {
		this.runner
			.run((context) -> assertThat(context.getBean(RpcTemplate.class).make("thread/kind", null, String.class))
				.isEqualTo("platform"));
	}

	@Configuration(proxyBeanMethods = false)
	static class ThreadReporterConfiguration {

		@Bean
		ThreadReporter threadReporter() {
			return new ThreadReporter();
		}

	}

	static class ThreadReporter {

		@RpcProvider("thread/kind")
		String kind() throws ReflectiveOperationException {
			boolean virtual = (boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread());
			return virtual ? "virtual" : "platform";
		}

	}

}
