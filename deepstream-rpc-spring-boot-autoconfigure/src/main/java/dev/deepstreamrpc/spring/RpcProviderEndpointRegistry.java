package dev.deepstreamrpc.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.connection.ConnectionState;
import dev.deepstreamrpc.spring.observation.RpcInvocationObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * The application's provided RPCs, registered with the server when the context starts and
 * drained when it stops: every name is unprovided first, so that the server routes new
 * requests elsewhere and this client rejects any that still arrive, then requests already
 * received are given the shutdown timeout to finish, and only then can the client close.
 * One endpoint can also be stopped and started again at runtime, while the registry runs;
 * starting the registry starts every endpoint.
 * <p>
 * Thread-safe: {@code endpoints}, {@code stopped} and {@code running} are guarded by this
 * object's monitor. Runs in the default lifecycle phase, so that it starts after, and
 * stops before, the beans it depends on.
 */
public class RpcProviderEndpointRegistry implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RpcProviderEndpointRegistry.class);

	private final DeepstreamRpcClient client;

	private final RpcErrorHandler errorHandler;

	private final RpcPayloadBinder payloadBinder;

	private final Duration registrationTimeout;

	private final Duration shutdownTimeout;

	private final Map<String, RpcProviderEndpoint> endpoints = new LinkedHashMap<>();

	private final Set<String> stopped = new HashSet<>();

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private @Nullable RpcInvocationObservationConvention observationConvention;

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
	 * Sets where invocations are observed; none by default. Applies to endpoints provided
	 * from then on.
	 * @param observationRegistry the registry
	 */
	public synchronized void setObservationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = observationRegistry;
	}

	/**
	 * Sets how invocation observations are named and tagged, instead of
	 * {@link dev.deepstreamrpc.spring.observation.DefaultRpcInvocationObservationConvention}.
	 * @param observationConvention the convention, or {@code null} for the default
	 */
	public synchronized void setObservationConvention(
			@Nullable RpcInvocationObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
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

	/**
	 * The endpoint of an RPC.
	 * @param name the RPC name
	 * @return the endpoint, or {@code null} if no method provides that RPC
	 */
	public synchronized @Nullable RpcProviderEndpoint getEndpoint(String name) {
		return this.endpoints.get(name);
	}

	/**
	 * Whether an endpoint is provided: the registry runs and the endpoint was not
	 * stopped.
	 * @param name the RPC name
	 * @return whether it is provided
	 */
	public synchronized boolean isRunning(String name) {
		return this.running && this.endpoints.containsKey(name) && !this.stopped.contains(name);
	}

	/**
	 * Stops providing one RPC, so that the server routes its requests elsewhere, waiting
	 * up to the shutdown timeout for the server to acknowledge it. Requests already
	 * received are still served. Does nothing unless the endpoint is running.
	 * @param name the RPC name
	 * @throws IllegalArgumentException if no method provides that RPC
	 */
	public synchronized void stop(String name) {
		requireEndpoint(name);
		if (isRunning(name)) {
			this.stopped.add(name);
			await(this.client.unprovide(name), this.shutdownTimeout, "Could not unprovide RPC '" + name + "' in time");
		}
	}

	/**
	 * Provides a stopped RPC again, waiting up to the registration timeout for the server
	 * to acknowledge it when connected. Does nothing unless the registry runs and the
	 * endpoint was stopped.
	 * @param name the RPC name
	 * @throws IllegalArgumentException if no method provides that RPC
	 */
	public synchronized void start(String name) {
		RpcProviderEndpoint endpoint = requireEndpoint(name);
		if (this.running && this.stopped.remove(name)) {
			CompletableFuture<Void> registration = provide(endpoint);
			if (this.client.state() == ConnectionState.OPEN) {
				await(registration, this.registrationTimeout,
						"RPC '" + name + "' was not registered in time; registration goes on in the background");
			}
		}
	}

	private RpcProviderEndpoint requireEndpoint(String name) {
		RpcProviderEndpoint endpoint = this.endpoints.get(name);
		if (endpoint == null) {
			throw new IllegalArgumentException("No method provides RPC '" + name + "'");
		}
		return endpoint;
	}

	private static void await(CompletableFuture<Void> future, Duration timeout, String warning) {
		try {
			future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.warn(warning + ": " + ex.getMessage());
		}
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.stopped.clear();
		List<CompletableFuture<Void>> registrations = new ArrayList<>();
		this.endpoints.values().forEach((endpoint) -> registrations.add(provide(endpoint)));
		this.running = true;
		if (this.client.state() == ConnectionState.OPEN) {
			awaitRegistrations(registrations);
		}
	}

	private CompletableFuture<Void> provide(RpcProviderEndpoint endpoint) {
		RpcProviderMethodAdapter adapter = new RpcProviderMethodAdapter(endpoint, this.errorHandler, this.payloadBinder,
				this.observationRegistry, this.observationConvention);
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
