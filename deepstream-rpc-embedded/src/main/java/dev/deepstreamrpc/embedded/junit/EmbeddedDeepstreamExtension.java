package dev.deepstreamrpc.embedded.junit;

import java.net.URI;
import java.util.function.Consumer;

import dev.deepstreamrpc.embedded.EmbeddedDeepstreamServer;
import dev.deepstreamrpc.embedded.EmbeddedDeepstreamServerBuilder;
import dev.deepstreamrpc.embedded.FaultInjection;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.jspecify.annotations.Nullable;

/**
 * Runs an {@link EmbeddedDeepstreamServer} for JUnit tests, so that a test class gets a
 * deepstream server with one field declaration and no Node.js.
 * <p>
 * In a {@code static} {@code @RegisterExtension} field one server serves the whole class
 * (started before all tests, closed after all; nested classes share it) and its faults
 * are reset after each test. In an instance field every test gets a fresh server:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static EmbeddedDeepstreamExtension deepstream = EmbeddedDeepstreamExtension
 *     .create((server) -&gt; server.ackTimeout(Duration.ofMillis(300)));
 * </pre>
 * <p>
 * Thread-safe: the server reference is volatile, so tests running in parallel see it.
 */
public final class EmbeddedDeepstreamExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

	private final Consumer<EmbeddedDeepstreamServerBuilder> customizer;

	/** The running server; written by JUnit's lifecycle callbacks, read by tests. */
	private volatile @Nullable EmbeddedDeepstreamServer server;

	/** The class the server was started for in a static field; {@code null} per test. */
	private volatile @Nullable Class<?> startedFor;

	private EmbeddedDeepstreamExtension(Consumer<EmbeddedDeepstreamServerBuilder> customizer) {
		this.customizer = customizer;
	}

	/**
	 * Creates an extension for a server with the builder's defaults.
	 * @return the extension
	 */
	public static EmbeddedDeepstreamExtension create() {
		return create((builder) -> {
		});
	}

	/**
	 * Creates an extension for a server configured by the customizer.
	 * @param customizer configures the server builder
	 * @return the extension
	 */
	public static EmbeddedDeepstreamExtension create(Consumer<EmbeddedDeepstreamServerBuilder> customizer) {
		return new EmbeddedDeepstreamExtension(customizer);
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
		else {
			server().faults().reset();
		}
	}

	private EmbeddedDeepstreamServer newServer() {
		EmbeddedDeepstreamServerBuilder builder = EmbeddedDeepstreamServer.builder();
		this.customizer.accept(builder);
		return builder.start();
	}

	private void closeServer() {
		EmbeddedDeepstreamServer current = this.server;
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
	public EmbeddedDeepstreamServer server() {
		EmbeddedDeepstreamServer current = this.server;
		if (current == null) {
			throw new IllegalStateException("the embedded deepstream server runs only while tests run");
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

	/**
	 * Returns the server's fault injection, reset after each test.
	 * @return the fault injection
	 */
	public FaultInjection faults() {
		return server().faults();
	}

}
