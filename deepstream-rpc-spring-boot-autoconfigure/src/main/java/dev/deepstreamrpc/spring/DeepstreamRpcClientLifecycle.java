package dev.deepstreamrpc.spring;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.deepstreamrpc.client.DeepstreamRpcClient;

import org.springframework.context.SmartLifecycle;

/**
 * Connects the client when the context starts, before providers are registered. With
 * fail-fast on, startup waits for the first login and fails, naming the cause, if it does
 * not succeed; otherwise the application starts at once and the client keeps trying in
 * the background.
 */
public class DeepstreamRpcClientLifecycle implements SmartLifecycle {

	/**
	 * The phase: before the {@link RpcProviderEndpointRegistry}.
	 */
	public static final int PHASE = DEFAULT_PHASE - 1024;

	private final DeepstreamRpcClient client;

	private final boolean failFast;

	private final Duration connectTimeout;

	private volatile boolean running;

	/**
	 * Creates the lifecycle.
	 * @param client the client
	 * @param failFast whether startup fails when the first login does not succeed
	 * @param connectTimeout how long startup waits for the first login when failing fast
	 */
	public DeepstreamRpcClientLifecycle(DeepstreamRpcClient client, boolean failFast, Duration connectTimeout) {
		this.client = client;
		this.failFast = failFast;
		this.connectTimeout = connectTimeout;
	}

	@Override
	public void start() {
		CompletableFuture<Void> connected = this.client.connect();
		this.running = true;
		if (!this.failFast) {
			return;
		}
		try {
			connected.get(this.connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new DeepstreamStartupException(ex.getCause().getMessage(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new DeepstreamStartupException(
					"No login to " + this.client + " within " + this.connectTimeout.toMillis() + " ms", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DeepstreamStartupException("Interrupted while connecting to " + this.client, ex);
		}
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
