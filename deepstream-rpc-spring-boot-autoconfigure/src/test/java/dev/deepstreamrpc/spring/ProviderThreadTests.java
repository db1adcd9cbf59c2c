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
 * The threads provider methods run on, against the real server: the provider executor by
 * default, virtual threads when Spring enables them, the connection's I/O thread with
 * {@code deepstream.rpc.provider.run-on-io-thread}. The virtual-thread test runs on Java
 * 21 or later: the build runs it on the installed Java 25 when there is one.
 */
class ProviderThreadTests {

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension.create();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DeepstreamRpcAutoConfiguration.class))
		.withPropertyValues("deepstream.rpc.url=" + deepstream.url())
		.withUserConfiguration(ThreadReporterConfiguration.class);

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void providerMethodsRunOnVirtualThreadsWhenEnabled() {
		this.runner.withPropertyValues("spring.threads.virtual.enabled=true")
			.run((context) -> assertThat(context.getBean(RpcTemplate.class).make("thread/kind", null, String.class))
				.isEqualTo("virtual"));
	}

	@Test
	void providerMethodsRunOnTheProviderExecutorByDefault() {
		this.runner.run((context) -> {
			RpcTemplate template = context.getBean(RpcTemplate.class);
			assertThat(template.make("thread/name", null, String.class)).startsWith("deepstream-rpc-provider-");
			assertThat(template.make("thread/kind", null, String.class)).isEqualTo("platform");
		});
	}

	@Test
	void providerMethodsRunOnTheIoThreadWhenEnabled() {
		this.runner.withPropertyValues("deepstream.rpc.provider.run-on-io-thread=true").run((context) -> {
			assertThat(context).doesNotHaveBean("deepstreamRpcProviderExecutor");
			assertThat(context.getBean(RpcTemplate.class).make("thread/name", null, String.class))
				.contains("SelectorManager");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class ThreadReporterConfiguration {

		@Bean
		ThreadReporter threadReporter() {
			return new ThreadReporter();
		}

	}

	static class ThreadReporter {

		@RpcProvider("thread/name")
		String name() {
			return Thread.currentThread().getName();
		}

		@RpcProvider("thread/kind")
		String kind() throws ReflectiveOperationException {
			if (Runtime.version().feature() < 21) {
				return "platform";
			}
			boolean virtual = (boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread());
			return virtual ? "virtual" : "platform";
		}

	}

}
