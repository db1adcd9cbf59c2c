package dev.deepstreamrpc.spring.metrics;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.ProviderStatistics;
import dev.deepstreamrpc.client.connection.ConnectionState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Binds the state of a {@link DeepstreamRpcClient} to gauges and counters, read from the
 * client at each scrape, complementing the timers of the call and invocation
 * observations.
 * <ul>
 * <li>{@code deepstream.rpc.client.connection.state} (gauge, tag {@code state}): 1 for
 * the connection's current {@link ConnectionState}, 0 for the others.</li>
 * <li>{@code deepstream.rpc.client.calls.in.flight} (gauge): calls waiting for their
 * outcome.</li>
 * <li>{@code deepstream.rpc.client.reconnects} (counter): logins after the first.</li>
 * <li>{@code deepstream.rpc.client.unexpected.replies} (counter): late or unknown
 * replies, such as an answer after the caller's deadline.</li>
 * <li>{@code deepstream.rpc.provider.invocations.in.flight} (gauge, tag
 * {@code rpc.name}): requests a provider is serving.</li>
 * <li>{@code deepstream.rpc.provider.concurrency.rejections} (counter, tag
 * {@code rpc.name}): requests rejected because the provider was at its
 * {@code maxConcurrency}.</li>
 * </ul>
 * Provider meters exist for the names known when the binder is bound: the providers the
 * client has already provided and the names given, typically every {@code @RpcProvider}
 * endpoint. Thread-safe.
 */
public class DeepstreamRpcClientMetrics implements MeterBinder {

	private final DeepstreamRpcClient client;

	private final Supplier<Collection<String>> providerNames;

	private final Map<String, StatisticsOf> providers = new ConcurrentHashMap<>();

	/**
	 * Creates a binder.
	 * @param client the client
	 * @param providerNames the names of the RPCs the application provides, read once when
	 * bound
	 */
	public DeepstreamRpcClientMetrics(DeepstreamRpcClient client, Supplier<Collection<String>> providerNames) {
		this.client = client;
		this.providerNames = providerNames;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (ConnectionState state : ConnectionState.values()) {
			Gauge
				.builder("deepstream.rpc.client.connection.state", this.client,
						(client) -> (client.state() == state) ? 1 : 0)
				.tag("state", state.name())
				.description("Whether the connection is in this state")
				.register(registry);
		}
		Gauge.builder("deepstream.rpc.client.calls.in.flight", this.client, DeepstreamRpcClient::inFlightCalls)
			.description("Calls waiting for their outcome")
			.register(registry);
		FunctionCounter.builder("deepstream.rpc.client.reconnects", this.client, DeepstreamRpcClient::reconnects)
			.description("Logins after the first one")
			.register(registry);
		FunctionCounter
			.builder("deepstream.rpc.client.unexpected.replies", this.client, DeepstreamRpcClient::unexpectedReplies)
			.description("Replies to calls that had already ended or were never made")
			.register(registry);
		providerNames().forEach((name) -> bindProvider(registry,
				this.providers.computeIfAbsent(name, (key) -> new StatisticsOf(this.client, key))));
	}

	private Set<String> providerNames() {
		Set<String> names = new LinkedHashSet<>(this.client.providerStatistics().keySet());
		names.addAll(this.providerNames.get());
		return names;
	}

	private static void bindProvider(MeterRegistry registry, StatisticsOf statistics) {
		Gauge
			.builder("deepstream.rpc.provider.invocations.in.flight", statistics,
					statistics((provider) -> provider.inFlight()))
			.tag("rpc.name", statistics.name)
			.description("Requests the provider is serving")
			.register(registry);
		FunctionCounter
			.builder("deepstream.rpc.provider.concurrency.rejections", statistics,
					statistics(ProviderStatistics::concurrencyLimitRejections))
			.tag("rpc.name", statistics.name)
			.description("Requests rejected because the provider served as many as its maxConcurrency allows")
			.register(registry);
	}

	private static ToDoubleFunction<StatisticsOf> statistics(ToDoubleFunction<ProviderStatistics> value) {
		return (statistics) -> {
			ProviderStatistics provider = statistics.get();
			return (provider != null) ? value.applyAsDouble(provider) : 0;
		};
	}

	/**
	 * The statistics of one provider, looked up until the client first provides it and
	 * then kept, since the client keeps them for good.
	 */
	private static final class StatisticsOf {

		private final DeepstreamRpcClient client;

		private final String name;

		private volatile @Nullable ProviderStatistics statistics;

		StatisticsOf(DeepstreamRpcClient client, String name) {
			this.client = client;
			this.name = name;
		}

		@Nullable ProviderStatistics get() {
			ProviderStatistics found = this.statistics;
			if (found == null) {
				found = this.client.providerStatistics().get(this.name);
				this.statistics = found;
			}
			return found;
		}

	}

}
