package dev.deepstreamrpc.embedded;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

import org.jspecify.annotations.Nullable;

/**
 * Which connections provide which RPC names, in the order they registered, because the
 * real server picks providers by index into that order.
 * <p>
 * Confined to the server's event loop.
 */
final class ProviderRegistry {

	/** The providers of each name, oldest registration first; removed when empty. */
	private final Map<String, List<ClientSession>> providersByName = new HashMap<>();

	/**
	 * The names each connection provides, so that a closed connection is removed quickly.
	 */
	private final Map<ClientSession, Set<String>> namesByProvider = new HashMap<>();

	/**
	 * Registers a provider.
	 * @param provider the provider's connection
	 * @param name the RPC name
	 * @return {@code false} if the connection already provides the name
	 */
	boolean add(ClientSession provider, String name) {
		if (!this.namesByProvider.computeIfAbsent(provider, (key) -> new LinkedHashSet<>()).add(name)) {
			return false;
		}
		this.providersByName.computeIfAbsent(name, (key) -> new ArrayList<>(2)).add(provider);
		return true;
	}

	void remove(ClientSession provider, String name) {
		Set<String> names = this.namesByProvider.get(provider);
		if (names != null && names.remove(name)) {
			removeFromName(provider, name);
		}
	}

	void removeAll(ClientSession provider) {
		Set<String> names = this.namesByProvider.remove(provider);
		if (names != null) {
			names.forEach((name) -> removeFromName(provider, name));
		}
	}

	private void removeFromName(ClientSession provider, String name) {
		List<ClientSession> providers = this.providersByName.get(name);
		if (providers != null && providers.remove(provider) && providers.isEmpty()) {
			this.providersByName.remove(name);
		}
	}

	/**
	 * Picks a provider uniformly at random.
	 * @param name the RPC name
	 * @param random the source of randomness
	 * @return the provider, or {@code null} if there is none
	 */
	@Nullable ClientSession pick(String name, RandomGenerator random) {
		List<ClientSession> providers = this.providersByName.get(name);
		return (providers != null) ? providers.get(random.nextInt(providers.size())) : null;
	}

	/**
	 * Picks a provider not tried yet, scanning from a random index like the real server.
	 * @param name the RPC name
	 * @param tried the providers already tried
	 * @param random the source of randomness
	 * @return the provider, or {@code null} if every provider was tried
	 */
	@Nullable ClientSession pickUntried(String name, Set<ClientSession> tried, RandomGenerator random) {
		List<ClientSession> providers = this.providersByName.get(name);
		if (providers == null) {
			return null;
		}
		int size = providers.size();
		int start = random.nextInt(size);
		for (int i = 0; i < size; i++) {
			ClientSession candidate = providers.get((start + i) % size);
			if (!tried.contains(candidate)) {
				return candidate;
			}
		}
		return null;
	}

}
