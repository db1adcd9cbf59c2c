package dev.deepstreamrpc.spring;

import dev.deepstreamrpc.client.DeepstreamRpcClientBuilder;
import dev.deepstreamrpc.client.transport.NettyWebSocketTransport;
import dev.deepstreamrpc.client.transport.Transport;
import dev.deepstreamrpc.spring.autoconfigure.DeepstreamRpcAutoConfiguration;
import dev.deepstreamrpc.test.DeepstreamServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deepstream.rpc.transport=netty} against the real server: the client connects
 * through the auto-configured {@link NettyWebSocketTransport}, and without Netty on the
 * class path startup fails saying so. {@link TlsIntegrationTests} has it with an SSL
 * bundle; its echo provider serves here too.
 */
class NettyTransportIntegrationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DeepstreamRpcAutoConfiguration.class))
		.withUserConfiguration(TlsIntegrationTests.EchoConfiguration.class)
		.withPropertyValues("deepstream.rpc.transport=netty");

	@Test
	void callsGoThroughTheNettyTransport() {
		try (DeepstreamServer server = DeepstreamServer.builder().start()) {
			this.runner.withPropertyValues("deepstream.rpc.url=" + server.url()).run((context) -> {
				Transport transport = context.getBean(Transport.class);
				assertThat(transport).isInstanceOf(NettyWebSocketTransport.class);
				assertThat(ReflectionTestUtils.getField(context.getBean(DeepstreamRpcClientBuilder.class), "transport"))
					.isSameAs(transport);
				assertThat(context.getBean(RpcTemplate.class).make("tls/echo", "hello", String.class))
					.isEqualTo("hello");
			});
		}
	}

	@Test
	void withoutNettyStartupFailsSayingWhatIsMissing() {
		this.runner.withClassLoader(new FilteredClassLoader("io.netty"))
			.withPropertyValues("deepstream.rpc.url=ws://127.0.0.1:1/deepstream", "deepstream.rpc.fail-fast=false")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("io.netty:netty-codec-http is not on the class path"));
	}

}
