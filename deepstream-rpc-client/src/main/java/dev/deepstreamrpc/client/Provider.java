package dev.deepstreamrpc.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * One provided RPC: its handler, its options, its registration with the server and the
 * requests it is serving.
 * <p>
 * Thread-safe. {@code state}, {@code provideId} and {@code retry} are written by the
 * registry under this object's monitor and read without it; {@code active} counts
 * requests being served, for the concurrency limit.
 */
final class Provider {

	final String name;

	final RpcRequestHandler handler;

	final ProviderOptions options;

	final CompletableFuture<Void> firstRegistration = new CompletableFuture<>();

	private final AtomicInteger active = new AtomicInteger();

	volatile ProviderState state = ProviderState.PENDING;

	volatile @Nullable String provideId;

	volatile @Nullable ScheduledFuture<?> retry;

	Provider(String name, RpcRequestHandler handler, ProviderOptions options) {
		this.name = name;
		this.handler = handler;
		this.options = options;
	}

	/**
	 * Takes a slot for one more request, unless the concurrency limit is reached.
	 * @return whether a slot was taken
	 */
	boolean tryStart() {
		int limit = this.options.maxConcurrency();
		if (limit == 0) {
			this.active.incrementAndGet();
			return true;
		}
		while (true) {
			int current = this.active.get();
			if (current >= limit) {
				return false;
			}
			if (this.active.compareAndSet(current, current + 1)) {
				return true;
			}
		}
	}

	void finished() {
		this.active.decrementAndGet();
	}

	int activeCount() {
		return this.active.get();
	}

	void cancelRetry() {
		ScheduledFuture<?> pending = this.retry;
		if (pending != null) {
			pending.cancel(false);
		}
	}

}
