package dev.deepstreamrpc.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.concurrent.TimeUnit;

/**
 * Sends POSIX signals with the {@code kill} command, because the JDK can only send TERM
 * and KILL and tests also need STOP and CONT to freeze a process.
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

}
