package dev.deepstreamrpc.client;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What one provided RPC has served since the client first provided it. It outlives
 * unproviding, so that counts keep growing when a provider is stopped and started again.
 * <p>
 * Thread-safe: every counter is atomic, written by the I/O thread when a request arrives
 * and by whichever thread completes its answer.
 */
public final class ProviderStatistics {

	private final String name;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicLongArray outcomes = new AtomicLongArray(ProviderOutcome.values().length);

	private final AtomicLong concurrencyLimitRejections = new AtomicLong();

	ProviderStatistics(String name) {
		this.name = name;
	}

	public String name() {
		return this.name;
	}

	/**
	 * The number of requests being served.
	 * @return the count
	 */
	public int inFlight() {
		return this.inFlight.get();
	}

	/**
	 * The number of requests that ended with an outcome.
	 * @param outcome the outcome
	 * @return the count
	 */
	public long count(ProviderOutcome outcome) {
		return this.outcomes.get(outcome.ordinal());
	}

	/**
	 * The number of requests that ended, by outcome.
	 * @return the counts, with every outcome present
	 */
	public Map<ProviderOutcome, Long> counts() {
		Map<ProviderOutcome, Long> counts = new EnumMap<>(ProviderOutcome.class);
		for (ProviderOutcome outcome : ProviderOutcome.values()) {
			counts.put(outcome, count(outcome));
		}
		return counts;
	}

	/**
	 * The number of requests rejected on arrival because the provider was serving as many
	 * as its {@link ProviderOptions#maxConcurrency()} allows. They are not counted as
	 * {@link ProviderOutcome#REJECTED}, because no handler saw them.
	 * @return the count
	 */
	public long concurrencyLimitRejections() {
		return this.concurrencyLimitRejections.get();
	}

	void started() {
		this.inFlight.incrementAndGet();
	}

	void finished(ProviderOutcome outcome) {
		this.inFlight.decrementAndGet();
		this.outcomes.incrementAndGet(outcome.ordinal());
	}

	void rejectedAtConcurrencyLimit() {
		this.concurrencyLimitRejections.incrementAndGet();
	}

	@Override
	public String toString() {
		return "ProviderStatistics[" + this.name + ", inFlight=" + inFlight() + ", " + counts()
				+ ", concurrencyLimitRejections=" + concurrencyLimitRejections() + "]";
	}

}
