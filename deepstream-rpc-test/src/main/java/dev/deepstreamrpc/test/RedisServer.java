package dev.deepstreamrpc.test;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A throwaway {@code redis-server} on a free loopback port, the message bus of a cluster
 * of {@link DeepstreamServer}s (see {@link DeepstreamServerBuilder#cluster}).
 * <p>
 * It keeps nothing on disk ({@code --save '' --appendonly no}); its log lives in a
 * temporary directory that {@link #close()} deletes. The binary is taken from the
 * {@code PATH}; Debian and Ubuntu ship it in the package {@code redis-server}.
 * <p>
 * Thread-safe: all lifecycle methods are synchronized.
 */
public final class RedisServer implements AutoCloseable {

	private static final String HOST = "127.0.0.1";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private final Path directory;

	private final int port;

	private final Process process;

	private boolean closed;

	private RedisServer(Path directory, int port, Process process) {
		this.directory = directory;
		this.port = port;
		this.process = process;
	}

	/**
	 * Starts Redis and waits until it answers {@code PING}.
	 * @return the running server
	 * @throws IllegalStateException if {@code redis-server} is not installed or does not
	 * come up; the message ends with its log
	 */
	public static RedisServer start() {
		Path binary = locate();
		try {
			Path directory = Files.createTempDirectory("deepstream-rpc-redis-");
			int port = FreePort.find();
			RedisServer server = new RedisServer(directory, port, launch(binary, directory, port));
			try {
				server.awaitPong();
			}
			catch (RuntimeException ex) {
				server.close();
				throw ex;
			}
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not start " + binary, ex);
		}
	}

	private static Path locate() {
		String path = System.getenv("PATH");
		for (String entry : (path != null) ? path.split(File.pathSeparator) : new String[0]) {
			Path candidate = Path.of(entry, "redis-server");
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		throw new IllegalStateException("redis-server was not found on the PATH; install the Debian package "
				+ "'redis-server' (apt-get install redis-server) to run the cluster tests");
	}

	private static Process launch(Path binary, Path directory, int port) throws IOException {
		List<String> command = List.of(binary.toString(), "--port", String.valueOf(port), "--bind", HOST, "--save", "",
				"--appendonly", "no", "--daemonize", "no", "--dir", directory.toString());
		return new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(Redirect.appendTo(directory.resolve("redis.log").toFile()))
			.start();
	}

	private void awaitPong() {
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (!answersPing()) {
			if (Signals.waitForExit(this.process, Duration.ofMillis(50), "redis-server")) {
				throw new IllegalStateException("redis-server exited with code " + this.process.exitValue()
						+ " while starting on port " + this.port + "\n" + LogTail.of(logFile()));
			}
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("redis-server did not answer PING on port " + this.port + " within "
						+ STARTUP_TIMEOUT + "\n" + LogTail.of(logFile()));
			}
		}
	}

	private boolean answersPing() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, this.port), 200);
			socket.setSoTimeout(500);
			OutputStream output = socket.getOutputStream();
			output.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			output.flush();
			InputStream input = socket.getInputStream();
			byte[] reply = input.readNBytes(5);
			return "+PONG".equals(new String(reply, StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Returns the loopback address Redis listens on.
	 * @return {@code 127.0.0.1}
	 */
	public String host() {
		return HOST;
	}

	/**
	 * Returns the port Redis listens on.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Returns the pid of the {@code redis-server} process.
	 * @return the pid
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * Returns whether the process is alive.
	 * @return whether Redis is running
	 */
	public synchronized boolean isRunning() {
		return this.process.isAlive();
	}

	/**
	 * Kills Redis with SIGKILL and waits for it to exit, as a crash of the message bus
	 * would.
	 */
	public synchronized void kill() {
		this.process.destroyForcibly();
		Signals.waitForExit(this.process, STOP_TIMEOUT, "redis-server");
	}

	/**
	 * Returns the file that receives Redis' output.
	 * @return the log file
	 */
	public Path logFile() {
		return this.directory.resolve("redis.log");
	}

	/**
	 * Stops Redis (SIGTERM, forcibly after ten seconds) and deletes its directory.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (this.process.isAlive()) {
			this.process.destroy();
			if (!Signals.waitForExit(this.process, STOP_TIMEOUT, "redis-server")) {
				kill();
			}
		}
		TempFiles.deleteRecursively(this.directory);
	}

	@Override
	public synchronized String toString() {
		return "RedisServer[port=" + this.port + ", running=" + isRunning() + "]";
	}

}
