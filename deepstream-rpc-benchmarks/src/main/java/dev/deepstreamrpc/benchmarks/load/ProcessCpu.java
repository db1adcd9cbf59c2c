package dev.deepstreamrpc.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of a process (all its threads, user and system) from {@code /proc/<pid>/stat},
 * so that a JVM and a Node process are measured the same way.
 */
final class ProcessCpu {

	private static final long NANOS_PER_TICK = 1_000_000_000L / 100;

	private ProcessCpu() {
	}

	/**
	 * Reads the CPU time a process has used so far.
	 * @param pid the process
	 * @return user plus system time in nanoseconds, at the kernel's 10 ms tick
	 */
	static long nanos(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the CPU time of process " + pid, ex);
		}
	}

	static long nanos(long... pids) {
		long total = 0;
		for (long pid : pids) {
			total += nanos(pid);
		}
		return total;
	}

}
