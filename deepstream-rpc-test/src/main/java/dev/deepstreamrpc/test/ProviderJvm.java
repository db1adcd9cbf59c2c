package dev.deepstreamrpc.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * A main class run in a JVM of its own, with this JVM's class path, so that a test can
 * crash, freeze or stop a provider application the way an orchestrator or the kernel
 * would, without taking the test JVM with it.
 * <p>
 * {@link #start()} returns once the process has printed its ready line. Its standard
 * output and error go to {@link #logFile()}. The process exits by itself when the JVM
 * that started it is gone, because it watches its standard input for end-of-file.
 * <pre class="code">
 * try (ProviderJvm provider = ProviderJvm.builder(MyProviderMain.class).arguments(url).start()) {
 *     provider.kill();
 * }
 * </pre>
 * <p>
 * Thread-safe: the lifecycle methods are synchronized, so a test may kill the process
 * from one thread while another asks whether it is alive. One daemon thread per process
 * copies its output to the log file; it ends when the process does.
 */
public final class ProviderJvm implements AutoCloseable {

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private final Process process;

	private final ProcessOutput output;

	private final Path logFile;

	private final @Nullable Path temporaryDirectory;

	private boolean closed;

	private ProviderJvm(Process process, ProcessOutput output, Path logFile, @Nullable Path temporaryDirectory) {
		this.process = process;
		this.output = output;
		this.logFile = logFile;
		this.temporaryDirectory = temporaryDirectory;
	}

	/**
	 * Starts configuring a JVM that runs the given class's {@code main} method.
	 * @param mainClass the class, which must be on this JVM's class path
	 * @return a new builder
	 */
	public static ProviderJvmBuilder builder(Class<?> mainClass) {
		return builder(mainClass.getName());
	}

	/**
	 * Starts configuring a JVM that runs the named class's {@code main} method.
	 * @param mainClass the binary name of the class, which must be on this JVM's class
	 * path
	 * @return a new builder
	 */
	public static ProviderJvmBuilder builder(String mainClass) {
		return new ProviderJvmBuilder(mainClass);
	}

	/**
	 * Starts a JVM with the defaults of {@link ProviderJvmBuilder} and waits until it
	 * prints {@code READY}.
	 * @param mainClass the class to run
	 * @param arguments its program arguments
	 * @return the ready JVM
	 */
	public static ProviderJvm start(Class<?> mainClass, String... arguments) {
		return builder(mainClass).arguments(arguments).start();
	}

	static ProviderJvm launch(String mainClass, List<String> arguments, List<String> jvmArguments, String readyLine,
			Duration startupTimeout, @Nullable Path logFile, Consumer<String> lineListener) {
		Path directory = (logFile != null) ? null : temporaryDirectory();
		Path log = (logFile != null) ? logFile : directory.resolve("provider.log");
		List<String> command = command(mainClass, arguments, jvmArguments);
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			if (directory != null) {
				TempFiles.deleteRecursively(directory);
			}
			throw new UncheckedIOException("could not start a JVM for " + mainClass, ex);
		}
		ProcessOutput output = ProcessOutput.start(process, log, readyLine, lineListener);
		ProviderJvm jvm = new ProviderJvm(process, output, log, directory);
		jvm.awaitReady(mainClass, readyLine, startupTimeout);
		return jvm;
	}

	private static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("deepstream-rpc-provider-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not create a directory for the provider's log", ex);
		}
	}

	private static List<String> command(String mainClass, List<String> arguments, List<String> jvmArguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmArguments);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(ProviderJvmLauncher.class.getName());
		command.add(mainClass);
		command.addAll(arguments);
		return command;
	}

	private void awaitReady(String mainClass, String readyLine, Duration timeout) {
		String problem = this.output.awaitReady(timeout);
		if (problem == null) {
			return;
		}
		stop();
		this.output.awaitEnd(STOP_TIMEOUT);
		String message = mainClass + " (pid " + pid() + ") did not print '" + readyLine + "': " + problem + "\n"
				+ LogTail.of(this.logFile);
		close();
		throw new IllegalStateException(message);
	}

	/**
	 * Returns the pid of the JVM.
	 * @return the pid
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * Returns whether the process is alive (a frozen process is alive).
	 * @return whether it runs
	 */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Returns the file that receives the process's standard output and error.
	 * @return the log file
	 */
	public Path logFile() {
		return this.logFile;
	}

	/**
	 * Kills the JVM with SIGKILL, as a crash or an out-of-memory killer would, and waits
	 * for it to exit: no shutdown hook runs, and the kernel closes its sockets.
	 */
	public synchronized void kill() {
		this.process.toHandle().destroyForcibly();
		waitForExit(STOP_TIMEOUT);
	}

	/**
	 * Freezes the JVM with SIGSTOP: its sockets stay open but it reads and answers
	 * nothing, as during a long GC pause or a hung host.
	 * @throws IllegalStateException if the process is not running
	 */
	public synchronized void freeze() {
		signal("STOP");
	}

	/**
	 * Lets a frozen JVM continue with SIGCONT.
	 * @throws IllegalStateException if the process is not running
	 */
	public synchronized void thaw() {
		signal("CONT");
	}

	/**
	 * Stops the JVM with SIGTERM (after SIGCONT, in case it is frozen), so that its
	 * shutdown hooks run, as when an orchestrator stops a pod; forcibly after ten
	 * seconds. Does nothing if it is not running.
	 */
	public synchronized void stop() {
		if (this.process.isAlive()) {
			Signals.send("CONT", pid());
			this.process.toHandle().destroy();
			if (!waitForExit(STOP_TIMEOUT)) {
				kill();
			}
		}
	}

	/**
	 * Stops the JVM, waits for its output to be written and deletes the log file unless
	 * it was given to the builder.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		stop();
		closeInput();
		this.output.awaitEnd(STOP_TIMEOUT);
		if (this.temporaryDirectory != null) {
			TempFiles.deleteRecursively(this.temporaryDirectory);
		}
	}

	private void closeInput() {
		try {
			this.process.getOutputStream().close();
		}
		catch (IOException ex) {
			// the process is gone; its end of the pipe is closed already
		}
	}

	private void signal(String signal) {
		Signals.sendTo(this.process, signal, "the provider JVM");
	}

	private boolean waitForExit(Duration timeout) {
		return Signals.waitForExit(this.process, timeout, "the provider JVM");
	}

	@Override
	public String toString() {
		return "ProviderJvm[pid=" + pid() + ", alive=" + isAlive() + "]";
	}

}
