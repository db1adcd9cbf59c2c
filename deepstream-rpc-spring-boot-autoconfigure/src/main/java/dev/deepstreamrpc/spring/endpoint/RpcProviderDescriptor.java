package dev.deepstreamrpc.spring.endpoint;

import java.util.EnumMap;
import java.util.Map;

import dev.deepstreamrpc.client.ProviderOutcome;
import dev.deepstreamrpc.client.ProviderStatistics;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * One provider, as the {@code rpcproviders} endpoint describes it. Counts cover the
 * provider's whole life in this application, across stops and starts.
 *
 * @param name the RPC name
 * @param bean the class of the bean that provides it
 * @param method the method that serves it
 * @param state {@code REGISTERED}, {@code PENDING} (waiting for the server's
 * acknowledgement or a connection), {@code DENIED} (refused by the server's permissions)
 * or {@code STOPPED} (not provided)
 * @param maxConcurrency how many requests it serves at once, {@code 0} for no limit
 * @param inFlight the requests it is serving
 * @param outcomes how many requests ended with each outcome
 * @param concurrencyLimitRejections how many requests were rejected at the concurrency
 * limit
 */
public record RpcProviderDescriptor(String name, String bean, String method, String state, int maxConcurrency,
		int inFlight, Map<ProviderOutcome, Long> outcomes,
		long concurrencyLimitRejections) implements OperationResponseBody {

	RpcProviderDescriptor(String name, String bean, String method, String state, int maxConcurrency,
			@Nullable ProviderStatistics statistics) {
		this(name, bean, method, state, maxConcurrency, (statistics != null) ? statistics.inFlight() : 0,
				(statistics != null) ? statistics.counts() : noCounts(),
				(statistics != null) ? statistics.concurrencyLimitRejections() : 0);
	}

	private static Map<ProviderOutcome, Long> noCounts() {
		Map<ProviderOutcome, Long> counts = new EnumMap<>(ProviderOutcome.class);
		for (ProviderOutcome outcome : ProviderOutcome.values()) {
			counts.put(outcome, 0L);
		}
		return counts;
	}

}
