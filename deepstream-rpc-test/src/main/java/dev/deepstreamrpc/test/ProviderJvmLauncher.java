package dev.deepstreamrpc.test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * The entry point of every {@link ProviderJvm}: it halts the JVM when its standard input
 * ends, which happens when the JVM that started it is gone, and then runs the real main
 * class, so that a crashed test run never leaves provider processes behind.
 * <p>
 * Runs the watcher on one daemon thread and the main class on the main thread.
 */
final class ProviderJvmLauncher {

	private ProviderJvmLauncher() {
	}

	public static void main(String[] arguments) throws Throwable {
		if (arguments.length == 0) {
			throw new IllegalArgumentException("the first argument must name the main class");
		}
		Thread watcher = new Thread(() -> haltAtEndOf(System.in), "exit-with-parent");
		watcher.setDaemon(true);
		watcher.start();
		Method main = Class.forName(arguments[0]).getMethod("main", String[].class);
		main.setAccessible(true);
		try {
			main.invoke(null, (Object) Arrays.copyOfRange(arguments, 1, arguments.length));
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	private static void haltAtEndOf(InputStream input) {
		try {
			while (input.read() != -1) {
				// discard: nothing is ever sent, only the end matters
			}
		}
		catch (IOException ex) {
			// a broken pipe means the parent is gone as well
		}
		Runtime.getRuntime().halt(0);
	}

}
