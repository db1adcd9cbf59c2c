package dev.deepstreamrpc.spring.testcontainers;

import dev.deepstreamrpc.test.DeepstreamServer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DeepstreamContainer} whose Docker parts are played by a real deepstream server
 * process, so that the service connection wiring is tested where no Docker engine runs.
 * <p>
 * Only what Docker would answer is replaced: starting and stopping, the image name, the
 * host and the mapped port. {@link DeepstreamContainer#getUrl()} and everything that
 * reads it are the production code.
 * <p>
 * Thread-safe: the lifecycle methods are synchronized.
 */
class ProcessDeepstreamContainer extends DeepstreamContainer {

	private @Nullable DeepstreamServer server;

	@Override
	public synchronized void start() {
		if (this.server == null) {
			this.server = DeepstreamServer.builder().start();
		}
	}

	@Override
	public synchronized void stop() {
		if (this.server != null) {
			this.server.close();
			this.server = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.server != null && this.server.isRunning();
	}

	@Override
	public String getDockerImageName() {
		return IMAGE.withTag(DEFAULT_TAG).asCanonicalNameString();
	}

	@Override
	public String getHost() {
		return "127.0.0.1";
	}

	@Override
	public synchronized Integer getMappedPort(int originalPort) {
		if (originalPort != PORT || this.server == null) {
			throw new IllegalStateException("port " + originalPort + " is not mapped");
		}
		return this.server.port();
	}

}
