package dev.deepstreamrpc.test;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The Node.js and npm executables found on this machine, looked up once per installation
 * so that every process is started with the same Node.
 *
 * @param node the {@code node} executable
 * @param npm the {@code npm} executable, or {@code null} when only Node was found
 * @param version the output of {@code node --version}
 */
record NodeRuntime(Path node, @Nullable Path npm, String version) {

	static final String NODE_ENV = "DEEPSTREAM_RPC_NODE";

	static final int MINIMUM_MAJOR_VERSION = 18;

	private static final Pattern VERSION = Pattern.compile("v(\\d+)\\..*");

	/**
	 * Finds Node.js ({@value #NODE_ENV} or {@code PATH}) and npm (next to Node or on the
	 * {@code PATH}).
	 * @return the runtime
	 * @throws NodeUnavailableException with an explanation when no usable Node is found
	 */
	static NodeRuntime locate() {
		Path node = findNode();
		String version = version(node);
		Matcher matcher = VERSION.matcher(version);
		if (!matcher.matches() || Integer.parseInt(matcher.group(1)) < MINIMUM_MAJOR_VERSION) {
			throw new NodeUnavailableException(node + " is Node.js " + version + ", deepstream 7 needs "
					+ MINIMUM_MAJOR_VERSION + " or newer (20 recommended)");
		}
		Path sibling = node.resolveSibling("npm");
		Path npm = Files.isExecutable(sibling) ? sibling : onPath("npm").orElse(null);
		return new NodeRuntime(node, npm, version);
	}

	private static Path findNode() {
		String configured = System.getenv(NODE_ENV);
		if (configured != null && !configured.isBlank()) {
			Path node = Path.of(configured);
			if (!Files.isExecutable(node)) {
				throw new NodeUnavailableException(NODE_ENV + "=" + configured + " is not an executable file");
			}
			return node;
		}
		return onPath("node").orElseThrow(
				() -> new NodeUnavailableException("no 'node' executable on the PATH and " + NODE_ENV + " is not set"));
	}

	private static Optional<Path> onPath(String name) {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		return Stream.of(path.split(File.pathSeparator))
			.filter((directory) -> !directory.isEmpty())
			.map((directory) -> Path.of(directory, name))
			.filter(Files::isExecutable)
			.findFirst();
	}

	private static String version(Path node) {
		try {
			Process process = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
			try (InputStream output = process.getInputStream()) {
				String version = new String(output.readAllBytes(), StandardCharsets.UTF_8).trim();
				if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
					throw new IllegalStateException(node + " --version failed: " + version);
				}
				return version;
			}
			finally {
				process.destroyForcibly();
			}
		}
		catch (IOException ex) {
			throw new NodeUnavailableException(node + " could not be started: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while asking " + node + " for its version", ex);
		}
	}

	/**
	 * The {@code PATH} for child processes, with Node's directory first so that npm's
	 * {@code #!/usr/bin/env node} finds the same Node.
	 * @return the value for the {@code PATH} environment variable
	 */
	String childPath() {
		String path = System.getenv("PATH");
		String directory = this.node.toAbsolutePath().getParent().toString();
		return (path != null) ? directory + File.pathSeparator + path : directory;
	}

}
