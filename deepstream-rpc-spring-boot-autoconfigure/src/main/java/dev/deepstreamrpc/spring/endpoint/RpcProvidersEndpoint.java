package dev.deepstreamrpc.spring.endpoint;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.ProviderState;
import dev.deepstreamrpc.client.ProviderStatistics;
import dev.deepstreamrpc.spring.RpcProviderEndpoint;
import dev.deepstreamrpc.spring.RpcProviderEndpointRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.Selector.Match;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code rpcproviders} endpoint: lists the application's {@code @RpcProvider}
 * endpoints with their registration state, load and outcomes, and stops or starts one at
 * runtime, as Spring's listener registries do for message listeners. RPC names may hold
 * slashes, so a name is the rest of the path:
 * {@code GET /actuator/rpcproviders/orders/get} reads RPC {@code orders/get}, and
 * {@code POST} to the same path with {@code {"state": "stopped"}} or {@code {"state":
 * "running"}} unprovides or provides it.
 */
@Endpoint(id = "rpcproviders")
public class RpcProvidersEndpoint {

	private final RpcProviderEndpointRegistry registry;

	private final DeepstreamRpcClient client;

	/**
	 * Creates the endpoint.
	 * @param registry the application's provider endpoints
	 * @param client the client that provides them
	 */
	public RpcProvidersEndpoint(RpcProviderEndpointRegistry registry, DeepstreamRpcClient client) {
		this.registry = registry;
		this.client = client;
	}

	/**
	 * Describes every provider.
	 * @return the providers by RPC name
	 */
	@ReadOperation
	public RpcProvidersDescriptor providers() {
		Map<String, ProviderState> states = this.client.providers();
		Map<String, ProviderStatistics> statistics = this.client.providerStatistics();
		Map<String, RpcProviderDescriptor> providers = new LinkedHashMap<>();
		this.registry.getEndpoints()
			.forEach((endpoint) -> providers.put(endpoint.getName(), describe(endpoint, states, statistics)));
		return new RpcProvidersDescriptor(providers);
	}

	/**
	 * Describes one provider.
	 * @param name the RPC name, split at its slashes
	 * @return the provider, or {@code null} if no method provides that RPC
	 */
	@ReadOperation
	public @Nullable RpcProviderDescriptor provider(@Selector(match = Match.ALL_REMAINING) String[] name) {
		RpcProviderEndpoint endpoint = this.registry.getEndpoint(String.join("/", name));
		return (endpoint != null) ? describe(endpoint) : null;
	}

	/**
	 * Stops or starts one provider.
	 * @param name the RPC name, split at its slashes
	 * @param state {@code stopped} to unprovide it, {@code running} to provide it again
	 * @return the provider once changed
	 */
	@WriteOperation
	public RpcProviderDescriptor changeState(@Selector(match = Match.ALL_REMAINING) String[] name, String state) {
		String rpcName = String.join("/", name);
		RpcProviderEndpoint endpoint = this.registry.getEndpoint(rpcName);
		if (endpoint == null) {
			throw new InvalidEndpointRequestException("No method provides RPC '" + rpcName + "'",
					"Unknown RPC provider");
		}
		switch (state.toLowerCase(Locale.ROOT)) {
			case "stopped" -> this.registry.stop(rpcName);
			case "running" -> this.registry.start(rpcName);
			default -> throw new InvalidEndpointRequestException(
					"State must be 'running' or 'stopped', not '" + state + "'", "Invalid state");
		}
		return describe(endpoint);
	}

	private RpcProviderDescriptor describe(RpcProviderEndpoint endpoint) {
		return describe(endpoint, this.client.providers(), this.client.providerStatistics());
	}

	private RpcProviderDescriptor describe(RpcProviderEndpoint endpoint, Map<String, ProviderState> states,
			Map<String, ProviderStatistics> statistics) {
		String name = endpoint.getName();
		ProviderState registration = states.get(name);
		String state = (!this.registry.isRunning(name) || registration == null) ? "STOPPED" : registration.name();
		return new RpcProviderDescriptor(name, AopUtils.getTargetClass(endpoint.getBean()).getName(),
				endpoint.getMethodDescription(), state, endpoint.getOptions().maxConcurrency(), statistics.get(name));
	}

}
