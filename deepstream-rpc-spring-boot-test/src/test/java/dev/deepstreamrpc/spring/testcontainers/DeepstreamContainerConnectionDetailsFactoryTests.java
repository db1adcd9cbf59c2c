package dev.deepstreamrpc.spring.testcontainers;

import java.net.URI;

import dev.deepstreamrpc.spring.RpcTemplate;
import dev.deepstreamrpc.spring.autoconfigure.DeepstreamConnectionDetails;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DeepstreamContainerConnectionDetailsFactory} without Docker: Boot's
 * {@code @ServiceConnection} support finds the factory in {@code spring.factories} and
 * connects the application to a {@link ProcessDeepstreamContainer}, whose port is a real
 * deepstream server's.
 * <p>
 * {@code @Testcontainers} comes first so that the server outlives the context, which
 * {@code @DirtiesContext} closes after the class.
 */
@Testcontainers
@SpringBootTest(properties = "deepstream.rpc.url=ws://127.0.0.1:9/nowhere")
@DirtiesContext
class DeepstreamContainerConnectionDetailsFactoryTests {

	@Container
	@ServiceConnection
	static final ProcessDeepstreamContainer deepstream = new ProcessDeepstreamContainer();

	@Autowired
	private DeepstreamConnectionDetails connectionDetails;

	@Autowired
	private RpcTemplate rpc;

	@Test
	void connectionDetailsComeFromTheContainerNotFromTheConfiguredUrl() {
		assertThat(this.connectionDetails)
			.isInstanceOf(DeepstreamContainerConnectionDetailsFactory.DeepstreamContainerConnectionDetails.class);
		assertThat(this.connectionDetails.getUrl()).isEqualTo(
				URI.create("ws://127.0.0.1:" + deepstream.getMappedPort(DeepstreamContainer.PORT) + "/deepstream"));
		assertThat(this.connectionDetails.getAuthData()).isEmpty();
	}

	@Test
	void rpcRoundTripGoesThroughTheServiceConnection() {
		assertThat(this.rpc.make("greeting/hello", "container", String.class)).isEqualTo("hello container");
	}

}
