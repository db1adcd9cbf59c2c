package dev.deepstreamrpc.spring;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.deepstreamrpc.client.RpcTlsException;
import dev.deepstreamrpc.client.transport.NettyWebSocketTransport;
import dev.deepstreamrpc.spring.autoconfigure.DeepstreamRpcAutoConfiguration;
import dev.deepstreamrpc.test.DeepstreamServer;
import dev.deepstreamrpc.test.TestCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code wss://} configured through a Spring Boot SSL bundle, against the real server, on
 * either transport.
 */
class TlsIntegrationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, DeepstreamRpcAutoConfiguration.class))
		.withUserConfiguration(EchoConfiguration.class);

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "netty" })
	void connectsWithTheTrustOfAnSslBundle(String transport, @TempDir Path directory) throws Exception {
		TestCertificate certificate = TestCertificate.valid("localhost", "127.0.0.1");
		Path authority = Files.writeString(directory.resolve("authority.pem"), certificate.authorityPem());
		try (DeepstreamServer server = DeepstreamServer.builder().tls(certificate).start()) {
			this.runner
				.withPropertyValues("deepstream.rpc.url=" + server.url(), "deepstream.rpc.ssl.bundle=deepstream",
						"spring.ssl.bundle.pem.deepstream.truststore.certificate=" + authority.toUri(),
						"deepstream.rpc.transport=" + transport)
				.run((context) -> {
					assertThat(context.getBeansOfType(NettyWebSocketTransport.class))
						.hasSize(transport.equals("netty") ? 1 : 0);
					assertThat(context.getBean(RpcTemplate.class).make("tls/echo", "over TLS", String.class))
						.isEqualTo("over TLS");
				});
		}
	}

	@Test
	void withoutTheBundleTheUntrustedServerFailsStartup() {
		TestCertificate certificate = TestCertificate.valid("localhost", "127.0.0.1");
		try (DeepstreamServer server = DeepstreamServer.builder().tls(certificate).start()) {
			this.runner.withPropertyValues("deepstream.rpc.url=" + server.url()).run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				while (failure != null && !(failure instanceof RpcTlsException)) {
					failure = failure.getCause();
				}
				assertThat(failure).isInstanceOfSatisfying(RpcTlsException.class,
						(tls) -> assertThat(tls.reason()).isEqualTo(RpcTlsException.Reason.UNTRUSTED));
			});
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

		@RpcProvider("tls/echo")
		String echo(String value) {
			return value;
		}

	}

}
