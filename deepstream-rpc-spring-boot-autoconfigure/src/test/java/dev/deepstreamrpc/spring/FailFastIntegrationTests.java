package dev.deepstreamrpc.spring;

import java.net.ServerSocket;

import dev.deepstreamrpc.client.connection.ConnectionState;
import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.spring.autoconfigure.DeepstreamRpcAutoConfiguration;
import dev.deepstreamrpc.test.DeepstreamServerExtension;
import dev.deepstreamrpc.test.DeepstreamUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Startup against a server that cannot be reached or refuses the login.
 */
class FailFastIntegrationTests {

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension
		.create((server) -> server.user(DeepstreamUser.of("orders", "s3cr3t-sentinel")));

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DeepstreamRpcAutoConfiguration.class))
		.withPropertyValues("deepstream.rpc.connect-timeout=3s");

	@Test
	void unreachableServerFailsStartupNamingTheUrl() throws Exception {
		String url = "ws://127.0.0.1:" + unusedPort() + "/deepstream";
		this.runner.withPropertyValues("deepstream.rpc.url=" + url)
			.run((context) -> assertThat(startupException(context)).hasMessageContaining(url));
	}

	@Test
	void refusedLoginFailsStartupNamingTheUserButNotThePassword() {
		this.runner
			.withPropertyValues("deepstream.rpc.url=" + deepstream.url(),
					"deepstream.rpc.authentication.username=orders",
					"deepstream.rpc.authentication.password=wrong-sentinel")
			.run((context) -> assertThat(startupException(context)).hasMessageContaining("'orders'")
				.hasMessageNotContaining("wrong-sentinel"));
	}

	@Test
	void withoutFailFastTheApplicationStartsAndKeepsTrying() throws Exception {
		String url = "ws://127.0.0.1:" + unusedPort() + "/deepstream";
		this.runner.withPropertyValues("deepstream.rpc.url=" + url, "deepstream.rpc.fail-fast=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(DeepstreamRpcClient.class).state()).isNotEqualTo(ConnectionState.OPEN);
		});
	}

	@Test
	void correctCredentialsLogIn() {
		this.runner
			.withPropertyValues("deepstream.rpc.url=" + deepstream.url(),
					"deepstream.rpc.authentication.username=orders",
					"deepstream.rpc.authentication.password=s3cr3t-sentinel")
			.run((context) -> assertThat(context.getBean(DeepstreamRpcClient.class).state())
				.isEqualTo(ConnectionState.OPEN));
	}

	private static DeepstreamStartupException startupException(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		while (failure != null && !(failure instanceof DeepstreamStartupException)) {
			failure = failure.getCause();
		}
		assertThat(failure).as("DeepstreamStartupException among the causes").isNotNull();
		return (DeepstreamStartupException) failure;
	}

	private static int unusedPort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
