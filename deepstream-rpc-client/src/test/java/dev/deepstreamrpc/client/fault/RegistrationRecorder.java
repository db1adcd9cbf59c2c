package dev.deepstreamrpc.client.fault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.ProviderState;
import org.jspecify.annotations.Nullable;

/**
 * Samples a provider's registration state every {@value #SAMPLE_MILLIS} ms on the
 * ledger's timeline, because the client reports registrations only as a state to read,
 * and a scenario must know when each re-registration after a fault happened.
 * <p>
 * Thread-safe. One daemon thread samples; {@code last} is touched only by it, and
 * {@code changes} grows by one entry per state change and is read by the test thread.
 * {@link #close()} stops the thread, waits for it and lets go of the provider, whose
 * threads can only be checked for leaks once the client is unreachable.
 */
final class RegistrationRecorder implements AutoCloseable {

	static final long SAMPLE_MILLIS = 5;

	private volatile @Nullable DeepstreamRpcClient provider;

	private final String name;

	private final Supplier<Duration> clock;

	private final List<Change> changes = new CopyOnWriteArrayList<>();

	private final ScheduledExecutorService sampler;

	private @Nullable ProviderState last;

	RegistrationRecorder(DeepstreamRpcClient provider, String name, Supplier<Duration> clock) {
		this.provider = provider;
		this.name = name;
		this.clock = clock;
		this.sampler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "registration-recorder-" + name);
			thread.setDaemon(true);
			return thread;
		});
		this.sampler.scheduleAtFixedRate(this::sample, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
	}

	private void sample() {
		DeepstreamRpcClient sampled = this.provider;
		ProviderState state = (sampled != null) ? sampled.providers().get(this.name) : null;
		if (state != null && state != this.last) {
			this.last = state;
			this.changes.add(new Change(this.clock.get(), state));
		}
	}

	/**
	 * When the provider next became registered at or after a moment.
	 * @param moment the moment
	 * @return the time, or empty if it has not since
	 */
	Optional<Duration> registeredAfter(Duration moment) {
		return this.changes.stream()
			.filter((change) -> change.state() == ProviderState.REGISTERED && change.at().compareTo(moment) >= 0)
			.map(Change::at)
			.findFirst();
	}

	@Override
	public void close() {
		this.sampler.shutdownNow();
		try {
			this.sampler.awaitTermination(1, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.provider = null;
	}

	/**
	 * One change of the registration state.
	 *
	 * @param at when it was sampled, on the ledger's timeline
	 * @param state the new state
	 */
	record Change(Duration at, ProviderState state) {
	}

}
