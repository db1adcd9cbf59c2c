package dev.deepstreamrpc.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Sends POSIX signals with the {@code kill} command, because the JDK can only send TERM
 * and KILL and tests also need STOP and CONT to freeze a process; and waits for the
 * processes the test kit starts to end.
 */
final class Signals {

	private Signals() {
	}

	static boolean send(String signal, long pid) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
				.redirectOutput(Redirect.DISCARD)
				.start();
			if (!kill.waitFor(10, TimeUnit.SECONDS)) {
				kill.destroyForcibly();
				return false;
			}
			return kill.exitValue() == 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not run kill -" + signal + " " + pid, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while sending " + signal + " to " + pid, ex);
		}
	}

	/**
	 * Sends a signal to a process the test kit started.
	 * @param process the process
	 * @param signal the signal, such as {@code STOP}
	 * @param name what the process is, for messages
	 * @throws IllegalStateException if the process is not running or the signal failed
	 */
	static void sendTo(Process process, String signal, String name) {
		if (!process.isAlive()) {
			throw new IllegalStateException(name + " (pid " + process.pid() + ") is not running");
		}
		if (!send(signal, process.pid())) {
			throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
		}
	}

	/**
	 * Waits for a process the test kit started to end.
	 * @param process the process
	 * @param timeout how long to wait
	 * @param name what the process is, for messages
	 * @return whether it ended in time
	 */
	static boolean waitForExit(Process process, Duration timeout, String name) {
		try {
			return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for " + name + " (pid " + process.pid() + ")",
					ex);
		}
	}

}
