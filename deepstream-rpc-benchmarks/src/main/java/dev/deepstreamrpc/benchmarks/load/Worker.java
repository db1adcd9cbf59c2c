package dev.deepstreamrpc.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A worker process seen from the load tool: commands go to its stdin, protocol lines come
 * from its stdout, everything else it prints goes to a log file.
 * <p>
 * Used from the tool's main thread; a daemon thread reads stdout into a queue.
 */
final class Worker implements AutoCloseable {

	private final String name;

	private final Process process;

	private final Writer stdin;

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	private Worker(String name, Process process) {
		this.name = name;
		this.process = process;
		this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		Thread reader = new Thread(this::readLines, "worker-" + name);
		reader.setDaemon(true);
		reader.start();
	}

	static Worker start(String name, List<String> command, Map<String, String> environment, Path log) {
		ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
		builder.environment().putAll(environment);
		try {
			return new Worker(name, builder.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start worker " + name + ": " + command, ex);
		}
	}

	private void readLines() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.lines.add(line);
			}
		}
		catch (IOException ex) {
			// the process ended
		}
		this.lines.add("<exit>");
	}

	long pid() {
		return this.process.pid();
	}

	String name() {
		return this.name;
	}

	void send(String command) {
		try {
			this.stdin.write(command + "\n");
			this.stdin.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Worker " + this.name + " is gone", ex);
		}
	}

	/**
	 * Waits for the next protocol line, which must start with the given word.
	 * @param word the expected first word
	 * @param timeoutSeconds how long to wait
	 * @return the line
	 */
	String expect(String word, long timeoutSeconds) {
		try {
			String line = this.lines.poll(timeoutSeconds, TimeUnit.SECONDS);
			if (line == null || !line.startsWith(word)) {
				throw new IllegalStateException(
						"Worker " + this.name + " sent " + line + " instead of '" + word + "'; see its log");
			}
			return line;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		try {
			send("quit");
			if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (RuntimeException | InterruptedException ex) {
			this.process.destroyForcibly();
		}
	}

}
