package dev.deepstreamrpc.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A real deepstream 7.0.2 server in a Node child process, configured for one test, so
 * that clients are tested against the actual server including its crashes, pauses and
 * restarts.
 * <p>
 * The server binds {@code 127.0.0.1} on a free port with only the binary WebSocket
 * endpoint ({@link #url()}) and the HTTP health check. Its configuration and log live in
 * a temporary directory that {@link #close()} deletes. The Node process exits by itself
 * when the JVM that started it is gone.
 * <p>
 * Thread-safe: all lifecycle methods are synchronized, so a test may kill the server from
 * one thread while another asks for its URL.
 */
public final class DeepstreamServer implements AutoCloseable {

	private static final int START_ATTEMPTS = 3;

	private final ServerSettings settings;

	private @Nullable DeepstreamInstallation installation;

	private @Nullable Path directory;

	private @Nullable Path config;

	private int port;

	private @Nullable ServerProcess process;

	private boolean closed;

	DeepstreamServer(ServerSettings settings) {
		this.settings = settings;
	}

	/**
	 * Starts configuring a server with deepstream's defaults, open authentication and no
	 * permission checks.
	 * @return a new builder
	 */
	public static DeepstreamServerBuilder builder() {
		return new DeepstreamServerBuilder();
	}

	/**
	 * Starts the server and waits until its health check answers. The first start
	 * installs the Node package if needed (see {@link DeepstreamInstallation#install()},
	 * which may abort the test when Node.js is missing), picks the port and writes the
	 * configuration; later starts reuse both.
	 * @return this server
	 * @throws IllegalStateException if the server is running, closed or does not come up;
	 * the message ends with the server log
	 */
	public synchronized DeepstreamServer start() {
		if (this.closed) {
			throw new IllegalStateException("server is closed");
		}
		if (isRunning()) {
			throw new IllegalStateException("server is already running on port " + this.port);
		}
		if (this.config == null) {
			firstStart();
		}
		else {
			launch();
		}
		return this;
	}

	private void firstStart() {
		this.installation = (this.settings.installation() != null) ? this.settings.installation()
				: DeepstreamInstallation.install();
		try {
			this.directory = Files.createTempDirectory("deepstream-rpc-server-");
			for (int attempt = 1;; attempt++) {
				this.port = (this.settings.port() != 0) ? this.settings.port() : FreePort.find();
				this.config = new ServerConfigWriter(this.settings).write(this.directory, this.port, this.installation);
				try {
					launch();
					return;
				}
				catch (IllegalStateException ex) {
					if (this.settings.port() != 0 || attempt == START_ATTEMPTS || !portWasTaken()) {
						throw ex;
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not write the deepstream configuration", ex);
		}
	}

	private boolean portWasTaken() {
		return LogTail.of(logFile()).contains("EADDRINUSE");
	}

	private void launch() {
		appendToLog("=== " + Instant.now() + " starting deepstream on port " + this.port + " ===");
		ServerProcess started = ServerProcess.launch(Objects.requireNonNull(this.installation),
				Objects.requireNonNull(this.config), logFile());
		this.process = started;
		try {
			started.awaitHealthy(this.port, this.settings.tls() != null, this.settings.startupTimeout());
		}
		catch (RuntimeException ex) {
			started.kill();
			throw ex;
		}
	}

	private void appendToLog(String line) {
		try {
			Files.writeString(logFile(), line + System.lineSeparator(), StandardCharsets.UTF_8,
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns the binary WebSocket endpoint.
	 * @return {@code ws://127.0.0.1:<port>/deepstream}, or {@code wss://} with TLS
	 */
	public URI url() {
		String scheme = (this.settings.tls() != null) ? "wss://" : "ws://";
		return URI.create(scheme + "127.0.0.1:" + port() + ServerConfigWriter.URL_PATH);
	}

	/**
	 * Returns the port, which stays the same across restarts.
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
	 * Returns the pid of the server's Node process (the server itself, not a launcher).
	 * @return the pid of the current or last process
	 */
	public synchronized long pid() {
		return requireProcess().pid();
	}

	/**
	 * Returns the heartbeat interval of the binary endpoint, which clients must undercut.
	 * @return the heartbeat interval
	 */
	public Duration heartbeatInterval() {
		return this.settings.heartbeatInterval();
	}

	/**
	 * Returns the installation this server runs from.
	 * @return the installation
	 */
	public synchronized DeepstreamInstallation installation() {
		if (this.installation == null) {
			throw new IllegalStateException("server was never started");
		}
		return this.installation;
	}

	/**
	 * Stops the server with SIGTERM (after SIGCONT, in case it is frozen) and waits for
	 * it to exit; forcibly after ten seconds. Does nothing if it is not running.
	 */
	public synchronized void stop() {
		if (this.process != null) {
			this.process.terminate();
		}
	}

	/**
	 * Kills the server with SIGKILL, as a crash would, and waits for it to exit. Clients
	 * see their connections drop without a close frame.
	 */
	public synchronized void kill() {
		if (this.process != null) {
			this.process.kill();
		}
	}

	/**
	 * Freezes the server with SIGSTOP: its sockets stay open but nothing is read or
	 * answered, as during a long GC pause or a hung host.
	 */
	public synchronized void freeze() {
		requireProcess().signal("STOP");
	}

	/**
	 * Lets a frozen server continue with SIGCONT.
	 */
	public synchronized void thaw() {
		requireProcess().signal("CONT");
	}

	/**
	 * Stops the server if it is running and starts it again on the same port with the
	 * same configuration, waiting for the health check.
	 * @return this server
	 */
	public synchronized DeepstreamServer restart() {
		stop();
		return start();
	}

	/**
	 * Returns whether the server process is alive (a frozen server is alive).
	 * @return whether the server is running
	 */
	public synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * Returns the file that receives the server's standard output and error, across
	 * restarts.
	 * @return the log file
	 */
	public synchronized Path logFile() {
		if (this.directory == null) {
			throw new IllegalStateException("server was never started");
		}
		return this.directory.resolve("deepstream.log");
	}

	/**
	 * Stops the server and deletes its configuration and log. Further starts fail.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		stop();
		if (this.directory != null) {
			TempFiles.deleteRecursively(this.directory);
		}
	}

	private ServerProcess requireProcess() {
		if (this.process == null) {
			throw new IllegalStateException("server was never started");
		}
		return this.process;
	}

	@Override
	public synchronized String toString() {
		return "DeepstreamServer[port=" + this.port + ", running=" + isRunning() + "]";
	}

	/**
	 * The server's log levels, lowest first.
	 */
	public enum LogLevel {

		/** Everything, including every message. */
		DEBUG,
		/** Startup and connection information. */
		INFO,
		/** Problems worth a look (the default here). */
		WARN,
		/** Errors only. */
		ERROR,
		/** Nothing. */
		OFF

	}

}
