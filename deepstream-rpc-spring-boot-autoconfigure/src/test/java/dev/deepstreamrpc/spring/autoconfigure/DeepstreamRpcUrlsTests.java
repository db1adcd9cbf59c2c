package dev.deepstreamrpc.spring.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

import dev.deepstreamrpc.embedded.EmbeddedDeepstreamServer;
import dev.deepstreamrpc.spring.RpcProvider;
import dev.deepstreamrpc.spring.RpcTemplate;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deepstream.rpc.urls}: several servers, such as the nodes of a cluster, that the
 * client fails over between.
 */
class DeepstreamRpcUrlsTests {

	private static final URI NODE_A = URI.create("ws://node-a.example:6020/deepstream");

	private static final URI NODE_B = URI.create("ws://node-b.example:6020/deepstream");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(EmbeddedDeepstreamAutoConfiguration.class, DeepstreamRpcAutoConfiguration.class))
		.withPropertyValues("deepstream.rpc.embedded.port=0", "deepstream.rpc.fail-fast=false");

	@Test
	void urlsAreTheConnectionDetailsInTheirOrder() {
		this.runner.withPropertyValues("deepstream.rpc.urls=" + NODE_A + "," + NODE_B).run((context) -> {
			DeepstreamConnectionDetails details = context.getBean(DeepstreamConnectionDetails.class);
			assertThat(details.getUrls()).containsExactly(NODE_A, NODE_B);
			assertThat(details.getUrl()).isEqualTo(NODE_A);
		});
	}

	@Test
	void urlsTakePrecedenceOverUrl() {
		this.runner
			.withPropertyValues("deepstream.rpc.url=ws://single.example:6020/deepstream",
					"deepstream.rpc.urls[0]=" + NODE_B, "deepstream.rpc.urls[1]=" + NODE_A)
			.run((context) -> assertThat(context.getBean(DeepstreamConnectionDetails.class).getUrls())
				.containsExactly(NODE_B, NODE_A));
	}

	@Test
	void singleUrlIsTheOnlyUrl() {
		this.runner.withPropertyValues("deepstream.rpc.url=" + NODE_A)
			.run((context) -> assertThat(context.getBean(DeepstreamConnectionDetails.class).getUrls())
				.containsExactly(NODE_A));
	}

	@Test
	void embeddedServerDoesNotStartWhenUrlsAreSet() {
		this.runner.withPropertyValues("deepstream.rpc.urls[0]=" + NODE_A)
			.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedDeepstreamServer.class));
	}

	@Test
	void applicationStartsAndServesWhenTheFirstUrlIsDown() throws IOException {
		try (EmbeddedDeepstreamServer server = EmbeddedDeepstreamServer.builder().port(0).start()) {
			URI down = URI.create("ws://127.0.0.1:" + closedPort() + "/deepstream");
			this.runner.withUserConfiguration(EchoConfiguration.class)
				.withPropertyValues("deepstream.rpc.urls=" + down + "," + server.url(), "deepstream.rpc.fail-fast=true")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(context.getBean(RpcTemplate.class).make("urls/echo", "hello", String.class))
						.isEqualTo("hello");
				});
		}
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class EchoConfiguration {

		@Bean
		Echo echo() {
			return new Echo();
		}

	}

	static class Echo {

		@RpcProvider("urls/echo")
		String echo(String value) {
			return value;
		}

	}

}
