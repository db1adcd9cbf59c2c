package dev.deepstreamrpc.spring.test;

import java.net.URI;

import dev.deepstreamrpc.client.RpcRemoteException;
import dev.deepstreamrpc.embedded.EmbeddedDeepstreamServer;
import dev.deepstreamrpc.spring.RpcTemplate;
import dev.deepstreamrpc.spring.autoconfigure.DeepstreamConnectionDetails;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link AutoConfigureEmbeddedDeepstream} in a {@code @SpringBootTest} whose
 * configured server URL leads nowhere.
 */
@SpringBootTest(properties = "deepstream.rpc.url=ws://127.0.0.1:9/nowhere")
@AutoConfigureEmbeddedDeepstream
class AutoConfigureEmbeddedDeepstreamTests {

	private static final URI CONFIGURED_URL = URI.create("ws://127.0.0.1:9/nowhere");

	@Autowired
	private EmbeddedDeepstreamServer server;

	@Autowired
	private DeepstreamConnectionDetails connectionDetails;

	@Autowired
	private RpcTemplate rpc;

	@AfterEach
	void resetFaults() {
		this.server.faults().reset();
	}

	@Test
	void providerMethodAnswersThroughTheEmbeddedServer() {
		assertThat(this.rpc.make("greeting/hello", "embedded", String.class)).isEqualTo("hello embedded");
	}

	@Test
	void embeddedServerReplacesTheConfiguredUrl() {
		assertThat(this.server.isRunning()).isTrue();
		assertThat(this.connectionDetails.getUrl()).isEqualTo(this.server.url()).isNotEqualTo(CONFIGURED_URL);
	}

	@Test
	void injectedServerInjectsFaultsIntoTheApplicationsCalls() {
		this.server.faults().failNext("greeting/hello", 1, "injected");
		assertThatExceptionOfType(RpcRemoteException.class)
			.isThrownBy(() -> this.rpc.make("greeting/hello", "faulty", String.class))
			.withMessageContaining("injected");
		assertThat(this.rpc.make("greeting/hello", "again", String.class)).isEqualTo("hello again");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class GreetingApplication {

		@Bean
		Greeter greeter() {
			return new Greeter();
		}

	}

}
