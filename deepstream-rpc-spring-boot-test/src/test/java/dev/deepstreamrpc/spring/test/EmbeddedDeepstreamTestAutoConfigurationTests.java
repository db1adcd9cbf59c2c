package dev.deepstreamrpc.spring.test;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

import dev.deepstreamrpc.embedded.EmbeddedDeepstreamServer;
import dev.deepstreamrpc.embedded.EmbeddedDeepstreamServerBuilder;
import dev.deepstreamrpc.spring.RpcTemplate;
import dev.deepstreamrpc.spring.autoconfigure.DeepstreamConnectionDetails;
import dev.deepstreamrpc.spring.autoconfigure.DeepstreamRpcAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EmbeddedDeepstreamTestAutoConfiguration}.
 */
class EmbeddedDeepstreamTestAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EmbeddedDeepstreamTestAutoConfiguration.class,
				DeepstreamRpcAutoConfiguration.class))
		.withBean(Greeter.class);

	@Test
	void clientConnectsToTheEmbeddedServer() {
		this.runner.run((context) -> {
			EmbeddedDeepstreamServer server = context.getBean(EmbeddedDeepstreamServer.class);
			assertThat(context.getBean(DeepstreamConnectionDetails.class).getUrl()).isEqualTo(server.url());
			assertThat(context.getBean(RpcTemplate.class).make("greeting/hello", "runner", String.class))
				.isEqualTo("hello runner");
		});
	}

	@Test
	void serverIsClosedWithTheContext() {
		AtomicReference<EmbeddedDeepstreamServer> server = new AtomicReference<>();
		this.runner.run((context) -> server.set(context.getBean(EmbeddedDeepstreamServer.class)));
		assertThat(server.get().isRunning()).isFalse();
	}

	@Test
	void embeddedServerTakesPrecedenceOverOtherConnectionDetails() {
		this.runner
			.withBean("applicationConnectionDetails", DeepstreamConnectionDetails.class,
					() -> () -> URI.create("ws://127.0.0.1:9/nowhere"))
			.run((context) -> {
				assertThat(context.getBean(DeepstreamConnectionDetails.class).getUrl())
					.isEqualTo(context.getBean(EmbeddedDeepstreamServer.class).url());
				assertThat(context.getBean(RpcTemplate.class).make("greeting/hello", "primary", String.class))
					.isEqualTo("hello primary");
			});
	}

	@Test
	void customizersConfigureTheServerAndPropertiesLogIn() {
		this.runner
			.withBean("addsUser", EmbeddedDeepstreamServerCustomizer.class,
					() -> (builder) -> builder.user("alice", "secret"))
			.withPropertyValues("deepstream.rpc.authentication.username=alice",
					"deepstream.rpc.authentication.password=secret")
			.run((context) -> assertThat(
					context.getBean(RpcTemplate.class).make("greeting/hello", "alice", String.class))
				.isEqualTo("hello alice"));
	}

	@Test
	void serverRefusesLoginsThatTheCustomizedUsersDoNotAllow() {
		this.runner
			.withBean("addsUser", EmbeddedDeepstreamServerCustomizer.class,
					() -> (builder) -> builder.user("alice", "secret"))
			.withPropertyValues("deepstream.rpc.authentication.username=alice",
					"deepstream.rpc.authentication.password=wrong", "deepstream.rpc.connect-timeout=2s")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void customizersAreAppliedInOrder() {
		this.runner.withBean(LaterCustomizer.class)
			.withBean(EarlierCustomizer.class)
			.withPropertyValues("deepstream.rpc.authentication.username=alice",
					"deepstream.rpc.authentication.password=later")
			.run((context) -> assertThat(
					context.getBean(RpcTemplate.class).make("greeting/hello", "later", String.class))
				.isEqualTo("hello later"));
	}

	@Test
	void applicationServerIsUsedInsteadOfStartingOne() {
		this.runner
			.withBean("applicationServer", EmbeddedDeepstreamServer.class,
					() -> EmbeddedDeepstreamServer.builder().start())
			.run((context) -> {
				assertThat(context).getBeanNames(EmbeddedDeepstreamServer.class).containsExactly("applicationServer");
				assertThat(context.getBean(DeepstreamConnectionDetails.class).getUrl())
					.isEqualTo(context.getBean(EmbeddedDeepstreamServer.class).url());
			});
	}

	@Test
	void nothingStartsWhenDeepstreamRpcIsDisabled() {
		this.runner.withPropertyValues("deepstream.rpc.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedDeepstreamServer.class)
				.doesNotHaveBean(DeepstreamConnectionDetails.class));
	}

	@Order(1)
	static class EarlierCustomizer implements EmbeddedDeepstreamServerCustomizer {

		@Override
		public void customize(EmbeddedDeepstreamServerBuilder builder) {
			builder.user("alice", "earlier");
		}

	}

	@Order(2)
	static class LaterCustomizer implements EmbeddedDeepstreamServerCustomizer {

		@Override
		public void customize(EmbeddedDeepstreamServerBuilder builder) {
			builder.user("alice", "later");
		}

	}

}
