package dev.deepstreamrpc.test;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a child process's output to its log file line by line and watches for its ready
 * line, because a pipe that nobody drains would block the child once it fills.
 * <p>
 * Thread-safe: one daemon thread reads and writes until the process closes its output;
 * {@code ready} is completed by that thread and awaited by any other.
 */
final class ProcessOutput {

	private static final Logger logger = LoggerFactory.getLogger(ProcessOutput.class);

	private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(5);

	private final Process process;

	private final Path logFile;

	private final String readyLine;

	private final Consumer<String> listener;

	private final CompletableFuture<Void> ready = new CompletableFuture<>();

	private final Thread thread;

	private ProcessOutput(Process process, Path logFile, String readyLine, Consumer<String> listener) {
		this.process = process;
		this.logFile = logFile;
		this.readyLine = readyLine;
		this.listener = listener;
		this.thread = new Thread(this::copy, "provider-jvm-" + process.pid());
		this.thread.setDaemon(true);
	}

	static ProcessOutput start(Process process, Path logFile, String readyLine, Consumer<String> listener) {
		ProcessOutput output = new ProcessOutput(process, logFile, readyLine, listener);
		output.thread.start();
		return output;
	}

	/**
	 * Waits for the ready line.
	 * @param timeout how long to wait
	 * @return {@code null} once ready, or why the process never became ready
	 */
	@Nullable String awaitReady(Duration timeout) {
		try {
			this.ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return null;
		}
		catch (TimeoutException ex) {
			return "nothing within " + timeout;
		}
		catch (ExecutionException ex) {
			return ex.getCause().getMessage() + exitCode();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted while waiting";
		}
	}

	private String exitCode() {
		try {
			return this.process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
					? " (exit code " + this.process.exitValue() + ")" : "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	void awaitEnd(Duration timeout) {
		try {
			this.thread.join(timeout.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void copy() {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
				Writer log = Files.newBufferedWriter(this.logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
						StandardOpenOption.APPEND)) {
			String line;
			while ((line = lines.readLine()) != null) {
				log.write(line);
				log.write(System.lineSeparator());
				log.flush();
				handle(line);
			}
		}
		catch (IOException ex) {
			logger.debug("Reading the output of pid {} failed", this.process.pid(), ex);
			this.ready.completeExceptionally(new UncheckedIOException(ex));
		}
		this.ready.completeExceptionally(new IllegalStateException("the process ended its output"));
	}

	private void handle(String line) {
		if (!this.ready.isDone() && line.strip().equals(this.readyLine)) {
			this.ready.complete(null);
		}
		try {
			this.listener.accept(line);
		}
		catch (RuntimeException ex) {
			logger.warn("The line listener of pid {} failed", this.process.pid(), ex);
		}
	}

}
