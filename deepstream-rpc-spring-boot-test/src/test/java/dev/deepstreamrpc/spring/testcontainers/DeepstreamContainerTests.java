package dev.deepstreamrpc.spring.testcontainers;

import java.net.HttpURLConnection;
import java.net.URI;

import dev.deepstreamrpc.spring.RpcTemplate;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DeepstreamContainer} against the real image; skipped where no Docker
 * engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest
@DirtiesContext
class DeepstreamContainerTests {

	@Container
	@ServiceConnection
	static final DeepstreamContainer deepstream = new DeepstreamContainer();

	@Autowired
	private RpcTemplate rpc;

	@Test
	void urlIsTheWebSocketEndpointOnTheMappedPort() {
		assertThat(deepstream.getUrl()).isEqualTo(URI.create("ws://" + deepstream.getHost() + ":"
				+ deepstream.getMappedPort(DeepstreamContainer.PORT) + "/deepstream"));
	}

	@Test
	void healthCheckAnswersOnTheMappedPort() throws Exception {
		URI healthCheck = URI.create("http://" + deepstream.getHost() + ":"
				+ deepstream.getMappedPort(DeepstreamContainer.PORT) + "/health-check");
		HttpURLConnection connection = (HttpURLConnection) healthCheck.toURL().openConnection();
		try {
			assertThat(connection.getResponseCode()).isEqualTo(200);
		}
		finally {
			connection.disconnect();
		}
	}

	@Test
	void serviceConnectionConnectsTheApplicationToTheContainer() {
		assertThat(this.rpc.make("greeting/hello", "docker", String.class)).isEqualTo("hello docker");
	}

}
