package dev.deepstreamrpc.benchmarks.load;

import java.nio.file.Path;

/**
 * The {@code java} launcher of the JVM running the tool, so that every worker, probe and
 * sample-app process runs on the same Java as the measurement itself.
 */
final class JavaLauncher {

	private JavaLauncher() {
	}

	static String path() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
