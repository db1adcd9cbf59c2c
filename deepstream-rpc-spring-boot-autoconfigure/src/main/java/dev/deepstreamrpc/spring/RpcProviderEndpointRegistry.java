package dev.deepstreamrpc.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.connection.ConnectionState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The application's provided RPCs, registered with the server when the context starts and
 * drained when it stops: every name is unprovided first, so that the server routes new
 * requests elsewhere and this client rejects any that still arrive, then requests already
 * received are given the shutdown timeout to finish, and only then can the client close.
 * <p>
 * Thread-safe. Runs in the default lifecycle phase, so that it starts after, and stops
 * before, the beans it depends on.
 */
public class RpcProviderEndpointRegistry implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RpcProviderEndpointRegistry.class);

	private final DeepstreamRpcClient client;

	private final RpcErrorHandler errorHandler;

	private final RpcPayloadBinder payloadBinder;

	private final Duration registrationTimeout;

	private final Duration shutdownTimeout;

	private final Map<String, RpcProviderEndpoint> endpoints = new LinkedHashMap<>();

	private boolean running;

	/**
	 * Creates a registry.
	 * @param client the client that provides the RPCs
	 * @param errorHandler answers requests whose method failed
	 * @param payloadBinder binds request data to method parameters
	 * @param registrationTimeout how long starting waits for the server to acknowledge
	 * the registrations when the client is connected
	 * @param shutdownTimeout how long stopping waits for requests already received
	 */
	public RpcProviderEndpointRegistry(DeepstreamRpcClient client, RpcErrorHandler errorHandler,
			RpcPayloadBinder payloadBinder, Duration registrationTimeout, Duration shutdownTimeout) {
		this.client = client;
		this.errorHandler = errorHandler;
		this.payloadBinder = payloadBinder;
		this.registrationTimeout = registrationTimeout;
		this.shutdownTimeout = shutdownTimeout;
	}

	/**
	 * Adds an endpoint; provided at once if the registry is running.
	 * @param endpoint the endpoint
	 */
	public synchronized void register(RpcProviderEndpoint endpoint) {
		RpcProviderEndpoint existing = this.endpoints.putIfAbsent(endpoint.getName(), endpoint);
		if (existing != null) {
			throw new IllegalStateException("RPC '" + endpoint.getName() + "' is provided twice: by "
					+ existing.getMethodDescription() + " and by " + endpoint.getMethodDescription());
		}
		if (this.running) {
			provide(endpoint);
		}
	}

	public synchronized Collection<RpcProviderEndpoint> getEndpoints() {
		return List.copyOf(this.endpoints.values());
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		List<CompletableFuture<Void>> registrations = new ArrayList<>();
		this.endpoints.values().forEach((endpoint) -> registrations.add(provide(endpoint)));
		this.running = true;
		if (this.client.state() == ConnectionState.OPEN) {
			awaitRegistrations(registrations);
		}
	}

	private CompletableFuture<Void> provide(RpcProviderEndpoint endpoint) {
		RpcProviderMethodAdapter adapter = new RpcProviderMethodAdapter(endpoint, this.errorHandler,
				this.payloadBinder);
		return this.client.provide(endpoint.getName(), endpoint.getOptions(), adapter);
	}

	private void awaitRegistrations(List<CompletableFuture<Void>> registrations) {
		try {
			CompletableFuture.allOf(registrations.toArray(CompletableFuture[]::new))
				.get(this.registrationTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.warn("Not every RPC provider was registered at startup; registration goes on in the background: "
					+ ex.getMessage());
		}
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		List<CompletableFuture<Void>> unprovided = new ArrayList<>();
		this.endpoints.keySet().forEach((name) -> unprovided.add(this.client.unprovide(name)));
		try {
			CompletableFuture.allOf(unprovided.toArray(CompletableFuture[]::new))
				.get(this.shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS);
			if (!this.client.awaitRequestsServed(this.shutdownTimeout)) {
				logger.warn(this.client.servingRequests() + " RPC requests were still being served after "
						+ this.shutdownTimeout.toMillis() + " ms");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.warn("Could not unprovide every RPC in time: " + ex.getMessage());
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.running;
	}

}
