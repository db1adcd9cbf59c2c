package dev.deepstreamrpc.test;

import java.net.URI;
import java.util.function.Consumer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link DeepstreamServer} for JUnit tests, so that a test class gets a real
 * server with one field declaration.
 * <p>
 * In a {@code static} {@code @RegisterExtension} field one server serves the whole class
 * (started before all tests, closed after all; nested classes share it). In an instance
 * field every test gets a fresh server:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static final DeepstreamServerExtension deepstream = DeepstreamServerExtension
 *     .create((server) -&gt; server.ackTimeout(Duration.ofMillis(500)));
 * </pre>
 * <p>
 * Thread-safe: the server reference is volatile, so tests running in parallel see it.
 */
public final class DeepstreamServerExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

	private final Consumer<DeepstreamServerBuilder> customizer;

	private volatile @Nullable DeepstreamServer server;

	private volatile @Nullable Class<?> startedFor;

	private DeepstreamServerExtension(Consumer<DeepstreamServerBuilder> customizer) {
		this.customizer = customizer;
	}

	/**
	 * Creates an extension for a server with the builder's defaults.
	 * @return the extension
	 */
	public static DeepstreamServerExtension create() {
		return create((builder) -> {
		});
	}

	/**
	 * Creates an extension for a server configured by the customizer.
	 * @param customizer configures the server builder
	 * @return the extension
	 */
	public static DeepstreamServerExtension create(Consumer<DeepstreamServerBuilder> customizer) {
		return new DeepstreamServerExtension(customizer);
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		if (this.server == null) {
			this.server = newServer();
			this.startedFor = context.getRequiredTestClass();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (context.getRequiredTestClass() == this.startedFor) {
			closeServer();
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (this.server == null) {
			this.server = newServer();
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (this.startedFor == null) {
			closeServer();
		}
	}

	private DeepstreamServer newServer() {
		DeepstreamServerBuilder builder = DeepstreamServer.builder();
		this.customizer.accept(builder);
		DeepstreamServer created = builder.build();
		try {
			return created.start();
		}
		catch (RuntimeException | Error ex) {
			created.close();
			throw ex;
		}
	}

	private void closeServer() {
		DeepstreamServer current = this.server;
		this.server = null;
		this.startedFor = null;
		if (current != null) {
			current.close();
		}
	}

	/**
	 * Returns the running server.
	 * @return the server
	 * @throws IllegalStateException outside a test
	 */
	public DeepstreamServer server() {
		DeepstreamServer current = this.server;
		if (current == null) {
			throw new IllegalStateException("the deepstream server runs only while tests run");
		}
		return current;
	}

	/**
	 * Returns the server's binary WebSocket endpoint.
	 * @return the URL
	 */
	public URI url() {
		return server().url();
	}

}
