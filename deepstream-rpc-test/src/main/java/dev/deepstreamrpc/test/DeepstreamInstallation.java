package dev.deepstreamrpc.test;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deepstream server 7.0.2 and the official JS client 7.0.5 installed with npm into a
 * cache directory, so that tests run against the real server without a global
 * installation.
 * <p>
 * The shipped Node package is copied from the classpath to
 * {@code ~/.cache/deepstream-rpc/node-<hash>} (override with the system property
 * {@value #CACHE_PROPERTY} or the environment variable {@value #CACHE_ENV}) and installed
 * with {@code npm ci} once; later calls only check a marker file. Node.js is taken from
 * the environment variable {@code DEEPSTREAM_RPC_NODE} or the {@code PATH}. Instances are
 * immutable and thread-safe.
 */
public final class DeepstreamInstallation {

	/** System property naming the cache directory. */
	public static final String CACHE_PROPERTY = "deepstream.rpc.cache-dir";

	/** Environment variable naming the cache directory. */
	public static final String CACHE_ENV = "DEEPSTREAM_RPC_CACHE_DIR";

	private static final Logger logger = LoggerFactory.getLogger(DeepstreamInstallation.class);

	private final Path node;

	private final Path directory;

	private DeepstreamInstallation(Path node, Path directory) {
		this.node = node;
		this.directory = directory;
	}

	/**
	 * Returns the installation in the default cache directory, installing it first if
	 * needed. When Node.js or npm is missing the calling test is aborted (reported as
	 * skipped) with a warning, unless the environment variable {@code CI} is set: then
	 * {@link NodeUnavailableException} is thrown so that CI cannot silently skip.
	 * @return the installation
	 */
	public static DeepstreamInstallation install() {
		return install(defaultCacheDirectory());
	}

	/**
	 * Returns the installation in the given cache directory, installing it first if
	 * needed.
	 * @param cacheDirectory the directory that holds installations
	 * @return the installation
	 * @see #install()
	 */
	public static DeepstreamInstallation install(Path cacheDirectory) {
		try {
			NodeRuntime runtime = NodeRuntime.locate();
			NodePackage nodePackage = NodePackage.fromClasspath();
			Path directory = cacheDirectory.toAbsolutePath().resolve("node-" + nodePackage.hash());
			new NpmInstall(runtime, nodePackage, directory).ensureInstalled();
			return new DeepstreamInstallation(runtime.node(), directory);
		}
		catch (NodeUnavailableException ex) {
			throw unavailable(ex);
		}
	}

	private static RuntimeException unavailable(NodeUnavailableException ex) {
		String ci = System.getenv("CI");
		if (ci != null && !ci.isBlank()) {
			return new NodeUnavailableException("deepstream tests cannot run on CI: " + ex.getMessage()
					+ ". Install Node.js 20 with npm, or set DEEPSTREAM_RPC_NODE.");
		}
		logger.warn("""

				************************************************************************
				 deepstream tests are SKIPPED: {}.
				 Install Node.js 20 with npm (https://nodejs.org, or 'apt-get install
				 nodejs npm', or nvm) and put 'node' on the PATH, or point the
				 environment variable DEEPSTREAM_RPC_NODE at the node executable.
				 On CI (environment variable CI set) these tests fail instead.
				************************************************************************""", ex.getMessage());
		Assumptions.abort("Node.js is not available: " + ex.getMessage());
		return ex;
	}

	static Path defaultCacheDirectory() {
		String property = System.getProperty(CACHE_PROPERTY);
		if (property != null && !property.isBlank()) {
			return Path.of(property);
		}
		String env = System.getenv(CACHE_ENV);
		if (env != null && !env.isBlank()) {
			return Path.of(env);
		}
		return Path.of(System.getProperty("user.home"), ".cache", "deepstream-rpc");
	}

	/**
	 * Returns the directory holding {@code package.json} and {@code node_modules}.
	 * @return the installation directory
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * Returns the Node.js executable used for every process.
	 * @return the node executable
	 */
	public Path node() {
		return this.node;
	}

	/**
	 * Returns the deepstream server's command line script.
	 * @return {@code node_modules/@deepstream/server/dist/bin/deepstream.js}
	 */
	public Path serverScript() {
		return this.directory.resolve("node_modules/@deepstream/server/dist/bin/deepstream.js");
	}

	Path configLoader() {
		return this.directory.resolve("deepstream-config.cjs");
	}

	Path exitWithParent() {
		return this.directory.resolve("exit-with-parent.cjs");
	}

	Path peerScript() {
		return this.directory.resolve("js-peer.mjs");
	}

	@Override
	public String toString() {
		return "DeepstreamInstallation[" + this.directory + "]";
	}

}
