package dev.deepstreamrpc.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure one installation directory holds a complete {@code npm ci} of the shipped
 * package, so that the download happens once per machine and not once per test run.
 * <p>
 * Safe to call from several threads and several JVMs at once: a monitor serializes the
 * threads of this JVM and an exclusive file lock serializes the JVMs; the first caller
 * installs and the others find the completion marker.
 */
final class NpmInstall {

	private static final Logger logger = LoggerFactory.getLogger(NpmInstall.class);

	private static final Object MONITOR = new Object();

	private static final String MARKER = ".deepstream-rpc-installed";

	private static final Duration TIMEOUT = Duration.ofMinutes(5);

	private final NodeRuntime runtime;

	private final NodePackage nodePackage;

	private final Path directory;

	NpmInstall(NodeRuntime runtime, NodePackage nodePackage, Path directory) {
		this.runtime = runtime;
		this.nodePackage = nodePackage;
		this.directory = directory;
	}

	void ensureInstalled() {
		if (isComplete()) {
			return;
		}
		synchronized (MONITOR) {
			try {
				Files.createDirectories(this.directory.getParent());
				Path lockFile = this.directory.resolveSibling(this.directory.getFileName() + ".lock");
				try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
						StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
					if (!isComplete()) {
						install();
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("could not install the deepstream Node package into " + this.directory,
						ex);
			}
		}
	}

	private boolean isComplete() {
		return Files.isRegularFile(this.directory.resolve(MARKER));
	}

	private void install() throws IOException {
		if (this.runtime.npm() == null) {
			throw new NodeUnavailableException("npm was found neither next to " + this.runtime.node()
					+ " nor on the PATH, and " + this.directory + " is not installed yet");
		}
		Files.createDirectories(this.directory);
		this.nodePackage.copyTo(this.directory);
		logger.info("Installing the deepstream server and JS client with npm ci into {}", this.directory);
		long start = System.nanoTime();
		runNpmCi();
		Files.writeString(this.directory.resolve(MARKER), this.nodePackage.hash(), StandardCharsets.UTF_8);
		logger.info("npm ci finished in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
	}

	private void runNpmCi() throws IOException {
		Path log = this.directory.resolve("npm-ci.log");
		List<String> command = List.of(String.valueOf(this.runtime.npm()), "ci", "--no-audit", "--no-fund",
				"--ignore-scripts", "--no-update-notifier");
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("PATH", this.runtime.childPath());
		Process process = builder.start();
		try {
			if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("npm ci did not finish within " + TIMEOUT + "\n" + LogTail.of(log));
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("npm ci failed with exit code " + process.exitValue()
						+ " (only registry.npmjs.org is needed)\n" + LogTail.of(log));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for npm ci", ex);
		}
		finally {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
		}
	}

}
