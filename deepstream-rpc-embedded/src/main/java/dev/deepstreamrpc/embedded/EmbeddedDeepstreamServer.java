package dev.deepstreamrpc.embedded;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * A deepstream-compatible RPC server inside the JVM, for development and tests: it speaks
 * the deepstream v7 binary protocol over WebSocket and behaves like the real server 7.0.2
 * in everything an RPC client can observe, so that tests run fast and without Node.js. It
 * is not meant for production: it keeps everything in memory, knows no permissions,
 * records, events or clustering, and authenticates against a plain-text user list (or not
 * at all).
 * <p>
 * The server runs on a single daemon event loop thread that {@link #close()} stops.
 * {@link #faults()} lets tests inject timeouts, refusals, errors, delays and dropped
 * connections.
 *
 * <pre class="code">
 * try (EmbeddedDeepstreamServer server = EmbeddedDeepstreamServer.builder()
 *     .user("alice", "secret")
 *     .start()) {
 *     DeepstreamRpcClient client = DeepstreamRpcClient.builder(server.url()) ...
 * }
 * </pre>
 * <p>
 * Thread-safe: lifecycle methods are synchronized.
 */
public final class EmbeddedDeepstreamServer implements AutoCloseable {

	private final EmbeddedSettings settings;

	private final DefaultFaultInjection faults;

	/** The running server; guarded by {@code this}. */
	private @Nullable RunningServer running;

	/**
	 * The port of the current or last run, {@code 0} before the first; guarded by
	 * {@code this}.
	 */
	private int port;

	/** Whether {@link #close()} was called; guarded by {@code this}. */
	private boolean closed;

	EmbeddedDeepstreamServer(EmbeddedSettings settings) {
		this.settings = settings;
		this.faults = new DefaultFaultInjection(this::abortConnections);
	}

	/**
	 * Starts configuring a server with the real server's defaults and open
	 * authentication.
	 * @return a new builder
	 */
	public static EmbeddedDeepstreamServerBuilder builder() {
		return new EmbeddedDeepstreamServerBuilder();
	}

	/**
	 * Binds the server socket and starts serving.
	 * @return this server
	 * @throws IllegalStateException if the server is running or closed, or the address
	 * cannot be bound
	 */
	public synchronized EmbeddedDeepstreamServer start() {
		if (this.closed) {
			throw new IllegalStateException("server is closed");
		}
		if (this.running != null) {
			throw new IllegalStateException("server is already running on port " + this.running.port());
		}
		this.running = RunningServer.start(this.settings, this.faults);
		this.port = this.running.port();
		return this;
	}

	/**
	 * Returns the binary WebSocket endpoint, which stays the same after {@link #close()}.
	 * @return {@code ws://<host>:<port>/deepstream}
	 * @throws IllegalStateException if the server was never started
	 */
	public URI url() {
		String host = this.settings.host();
		String authority = (host.indexOf(':') >= 0 && !host.startsWith("[")) ? "[" + host + "]" : host;
		return URI.create("ws://" + authority + ":" + port() + HttpRequestFilter.PATH);
	}

	/**
	 * Returns the bound port, which stays the same after {@link #close()}.
	 * @return the port
	 * @throws IllegalStateException if the server was never started
	 */
	public synchronized int port() {
		if (this.port == 0) {
			throw new IllegalStateException("server was never started");
		}
		return this.port;
	}

	/**
	 * Returns whether the server accepts connections.
	 * @return whether the server is running
	 */
	public synchronized boolean isRunning() {
		return this.running != null && this.running.isActive();
	}

	/**
	 * Returns the fault injection of this server; planned faults and the delay survive
	 * until {@link FaultInjection#reset()}.
	 * @return the fault injection
	 */
	public FaultInjection faults() {
		return this.faults;
	}

	/**
	 * Stops the server: closes the server socket and every connection, and waits until
	 * the event loop thread has ended. Further starts fail; closing again does nothing.
	 */
	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.running != null) {
			RunningServer stopping = this.running;
			this.running = null;
			stopping.stop();
		}
	}

	private int abortConnections(@Nullable String username) {
		RunningServer current;
		synchronized (this) {
			current = this.running;
		}
		return (current != null) ? current.abort(username) : 0;
	}

	@Override
	public synchronized String toString() {
		return "EmbeddedDeepstreamServer[" + ((this.running != null) ? "port=" + this.running.port() : "stopped") + "]";
	}

}
