package dev.deepstreamrpc.test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * The live threads and open file descriptors of this JVM at one moment, so that a test
 * can prove that everything it created was released again (invariant L6).
 * <p>
 * File descriptors are counted in {@code /proc/self/fd}; where that does not exist (not
 * Linux) they are reported as {@code -1} and not checked. Settling polls on the calling
 * thread and asks for a garbage collection on each poll, because the JDK's HTTP client
 * stops its selector thread only once the client is unreachable.
 * <p>
 * Immutable and thread-safe.
 */
public final class ResourceBaseline {

	/**
	 * How many threads or file descriptors more or fewer than the baseline still count as
	 * settled by default, for JVM housekeeping threads that come and go.
	 */
	public static final int DEFAULT_TOLERANCE = 2;

	/**
	 * How long {@link #assertSettled()} waits by default.
	 */
	public static final Duration DEFAULT_SETTLE_TIMEOUT = Duration.ofSeconds(10);

	private static final Path FD_DIRECTORY = Path.of("/proc/self/fd");

	private final Set<String> threadNames;

	private final int threads;

	private final int fileDescriptors;

	private final int threadTolerance;

	private final int fileDescriptorTolerance;

	private ResourceBaseline(Set<String> threadNames, int threads, int fileDescriptors, int threadTolerance,
			int fileDescriptorTolerance) {
		this.threadNames = threadNames;
		this.threads = threads;
		this.fileDescriptors = fileDescriptors;
		this.threadTolerance = threadTolerance;
		this.fileDescriptorTolerance = fileDescriptorTolerance;
	}

	/**
	 * Captures the current threads and file descriptors with a tolerance of
	 * {@value #DEFAULT_TOLERANCE} each.
	 * @return the baseline
	 */
	public static ResourceBaseline capture() {
		return new ResourceBaseline(threadNames(), liveThreads(), openFileDescriptors(), DEFAULT_TOLERANCE,
				DEFAULT_TOLERANCE);
	}

	/**
	 * Returns a copy of this baseline with other tolerances.
	 * @param threads how many threads more or fewer still count as settled
	 * @param fileDescriptors how many file descriptors more or fewer still count
	 * @return the copy
	 */
	public ResourceBaseline withTolerance(int threads, int fileDescriptors) {
		return new ResourceBaseline(this.threadNames, this.threads, this.fileDescriptors, threads, fileDescriptors);
	}

	/**
	 * The number of live threads at capture.
	 * @return the count
	 */
	public int threads() {
		return this.threads;
	}

	/**
	 * The number of open file descriptors at capture.
	 * @return the count, or {@code -1} where it cannot be known
	 */
	public int fileDescriptors() {
		return this.fileDescriptors;
	}

	/**
	 * Counts the live threads of this JVM, daemons included.
	 * @return the count
	 */
	public static int liveThreads() {
		return ManagementFactory.getThreadMXBean().getThreadCount();
	}

	/**
	 * Counts the open file descriptors of this process.
	 * @return the count, or {@code -1} where {@code /proc/self/fd} does not exist
	 */
	public static int openFileDescriptors() {
		if (!Files.isDirectory(FD_DIRECTORY)) {
			return -1;
		}
		try (Stream<Path> descriptors = Files.list(FD_DIRECTORY)) {
			return (int) descriptors.count();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/**
	 * Whether threads and file descriptors are back within the tolerance now. Fewer than
	 * at the baseline is settled too: threads of earlier work may have ended since.
	 * @return whether they settled
	 */
	public boolean isSettled() {
		boolean threadsSettled = liveThreads() - this.threads <= this.threadTolerance;
		return threadsSettled && (this.fileDescriptors < 0
				|| openFileDescriptors() - this.fileDescriptors <= this.fileDescriptorTolerance);
	}

	/**
	 * Waits up to {@link #DEFAULT_SETTLE_TIMEOUT} for threads and file descriptors to
	 * settle back to the baseline.
	 * @throws AssertionError naming the threads that appeared if they do not
	 */
	public void assertSettled() {
		assertSettled(DEFAULT_SETTLE_TIMEOUT);
	}

	/**
	 * Waits for threads and file descriptors to settle back to the baseline.
	 * @param timeout how long to wait
	 * @throws AssertionError naming the threads that appeared if they do not
	 */
	public void assertSettled(Duration timeout) {
		try {
			await().atMost(timeout).pollInSameThread().pollInterval(Duration.ofMillis(50)).until(() -> {
				System.gc();
				return isSettled();
			});
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError(this + " not settled after " + timeout + ": now " + liveThreads() + " threads and "
					+ openFileDescriptors() + " file descriptors; new threads " + newThreadNames(), ex);
		}
	}

	private Set<String> newThreadNames() {
		Set<String> current = threadNames();
		current.removeAll(this.threadNames);
		return current;
	}

	private static Set<String> threadNames() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.map(Thread::getName)
			.collect(Collectors.toCollection(TreeSet::new));
	}

	@Override
	public String toString() {
		return "ResourceBaseline[threads=" + this.threads + "±" + this.threadTolerance + ", fileDescriptors="
				+ this.fileDescriptors + "±" + this.fileDescriptorTolerance + "]";
	}

}
