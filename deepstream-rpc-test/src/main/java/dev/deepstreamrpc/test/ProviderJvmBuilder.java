package dev.deepstreamrpc.test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Collects how a {@link ProviderJvm} is launched, so that a test names only what differs
 * from the defaults.
 * <p>
 * Not thread-safe; build on one thread.
 */
public final class ProviderJvmBuilder {

	private final String mainClass;

	private final List<String> arguments = new ArrayList<>();

	private final List<String> jvmArguments = new ArrayList<>();

	private String readyLine = "READY";

	private Duration startupTimeout = Duration.ofSeconds(30);

	private @Nullable Path logFile;

	private Consumer<String> lineListener = (line) -> {
	};

	ProviderJvmBuilder(String mainClass) {
		this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
	}

	/**
	 * Adds program arguments, passed to the main method in order.
	 * @param arguments the arguments
	 * @return this builder
	 */
	public ProviderJvmBuilder arguments(String... arguments) {
		this.arguments.addAll(List.of(arguments));
		return this;
	}

	/**
	 * Adds JVM options such as {@code -Xmx128m} or {@code -Dkey=value}, placed before the
	 * class path.
	 * @param options the options
	 * @return this builder
	 */
	public ProviderJvmBuilder jvmArguments(String... options) {
		this.jvmArguments.addAll(List.of(options));
		return this;
	}

	/**
	 * Sets the line the process prints on its standard output once it is ready; leading
	 * and trailing white space is ignored.
	 * @param readyLine the line (default {@code READY})
	 * @return this builder
	 */
	public ProviderJvmBuilder readyLine(String readyLine) {
		this.readyLine = Objects.requireNonNull(readyLine, "readyLine").strip();
		return this;
	}

	/**
	 * Sets how long {@link #start()} waits for the ready line.
	 * @param startupTimeout the timeout (default 30 s)
	 * @return this builder
	 */
	public ProviderJvmBuilder startupTimeout(Duration startupTimeout) {
		if (startupTimeout.isNegative() || startupTimeout.isZero()) {
			throw new IllegalArgumentException("startupTimeout must be positive but was " + startupTimeout);
		}
		this.startupTimeout = startupTimeout;
		return this;
	}

	/**
	 * Sets the file that receives the process's standard output and error; it is kept
	 * when the process is closed. By default a file in a temporary directory that
	 * {@link ProviderJvm#close()} deletes.
	 * @param logFile the file, appended to
	 * @return this builder
	 */
	public ProviderJvmBuilder logFile(Path logFile) {
		this.logFile = Objects.requireNonNull(logFile, "logFile");
		return this;
	}

	/**
	 * Sets a listener for every line the process prints, so that a test can observe what
	 * the process reports. It is called on the process's output thread, one line at a
	 * time, and must not block.
	 * @param listener the listener
	 * @return this builder
	 */
	public ProviderJvmBuilder onLine(Consumer<String> listener) {
		this.lineListener = Objects.requireNonNull(listener, "listener");
		return this;
	}

	/**
	 * Starts the JVM and waits for its ready line.
	 * @return the ready JVM
	 * @throws IllegalStateException if the process exits or stays silent before it is
	 * ready; the message ends with its output
	 */
	public ProviderJvm start() {
		return ProviderJvm.launch(this.mainClass, List.copyOf(this.arguments), List.copyOf(this.jvmArguments),
				this.readyLine, this.startupTimeout, this.logFile, this.lineListener);
	}

}
