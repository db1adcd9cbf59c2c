package dev.deepstreamrpc.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One run of the deepstream server's Node process, started directly (the {@code start}
 * command does not fork), so that its pid is the server and signals reach it.
 * <p>
 * Not thread-safe; {@link DeepstreamServer} serializes access.
 */
final class ServerProcess {

	private static final Duration POLL = Duration.ofMillis(50);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private final Process process;

	private final Path logFile;

	private ServerProcess(Process process, Path logFile) {
		this.process = process;
		this.logFile = logFile;
	}

	static ServerProcess launch(DeepstreamInstallation installation, Path config, Path logFile) {
		List<String> command = List.of(installation.node().toString(), "-r", installation.exitWithParent().toString(),
				installation.serverScript().toString(), "start", "-c", config.toString());
		ProcessBuilder builder = new ProcessBuilder(command).directory(config.getParent().toFile())
			.redirectErrorStream(true)
			.redirectOutput(Redirect.appendTo(logFile.toFile()));
		try {
			return new ServerProcess(builder.start(), logFile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not start " + command, ex);
		}
	}

	long pid() {
		return this.process.pid();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	void awaitHealthy(int port, boolean tls, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!HealthCheck.isHealthy(port, tls)) {
			if (waitForExit(POLL)) {
				throw new IllegalStateException("deepstream exited with code " + this.process.exitValue()
						+ " while starting on port " + port + "\n" + LogTail.of(this.logFile));
			}
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("deepstream did not answer the health check on port " + port
						+ " within " + timeout + "\n" + LogTail.of(this.logFile));
			}
		}
	}

	void terminate() {
		if (!this.process.isAlive()) {
			return;
		}
		Signals.send("CONT", pid());
		this.process.destroy();
		if (!waitForExit(STOP_TIMEOUT)) {
			kill();
		}
	}

	void kill() {
		this.process.destroyForcibly();
		waitForExit(STOP_TIMEOUT);
	}

	void signal(String signal) {
		Signals.sendTo(this.process, signal, "deepstream");
	}

	private boolean waitForExit(Duration timeout) {
		return Signals.waitForExit(this.process, timeout, "deepstream");
	}

}
