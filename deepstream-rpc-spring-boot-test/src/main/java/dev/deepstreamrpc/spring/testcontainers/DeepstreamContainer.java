package dev.deepstreamrpc.spring.testcontainers;

import java.net.URI;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A deepstream server in Docker, so that tests can run against the official image and an
 * application can be connected to it with {@code @ServiceConnection}.
 * <p>
 * The image's default configuration is used: open authentication, permissions that allow
 * everything, the binary WebSocket endpoint at {@code /deepstream} and the health check
 * at {@code /health-check}, both on port {@value #PORT}. The container counts as started
 * once the health check answers 200.
 */
public class DeepstreamContainer extends GenericContainer<DeepstreamContainer> {

	/**
	 * The image without a tag.
	 */
	public static final DockerImageName IMAGE = DockerImageName.parse("deepstreamio/deepstream.io");

	/**
	 * The default tag: 7.0.10, the last deepstream 7 release. The project's process-based
	 * tests run 7.0.2; the 7.0.x releases after it changed packaging, logging and HTTP
	 * authentication, not the protocol.
	 */
	public static final String DEFAULT_TAG = "7.0.10";

	/**
	 * The port of the HTTP server that carries both the WebSocket endpoint and the health
	 * check.
	 */
	public static final int PORT = 6020;

	private static final String URL_PATH = "/deepstream";

	private static final String HEALTH_CHECK_PATH = "/health-check";

	/**
	 * Creates a container for {@code deepstreamio/deepstream.io:}{@value #DEFAULT_TAG}.
	 */
	public DeepstreamContainer() {
		this(IMAGE.withTag(DEFAULT_TAG));
	}

	/**
	 * Creates a container for the given image.
	 * @param dockerImageName the image, such as {@code deepstreamio/deepstream.io:latest}
	 */
	public DeepstreamContainer(String dockerImageName) {
		this(DockerImageName.parse(dockerImageName));
	}

	/**
	 * Creates a container for the given image, which must be
	 * {@code deepstreamio/deepstream.io} or declared compatible with it.
	 * @param dockerImageName the image
	 */
	public DeepstreamContainer(DockerImageName dockerImageName) {
		super(dockerImageName);
		dockerImageName.assertCompatibleWith(IMAGE);
		withExposedPorts(PORT);
		waitingFor(Wait.forHttp(HEALTH_CHECK_PATH).forPort(PORT).forStatusCode(200));
	}

	/**
	 * Returns the binary WebSocket endpoint as seen from the test's JVM.
	 * @return {@code ws://<host>:<mapped port>/deepstream}
	 */
	public URI getUrl() {
		return URI.create("ws://" + getHost() + ":" + getMappedPort(PORT) + URL_PATH);
	}

}
