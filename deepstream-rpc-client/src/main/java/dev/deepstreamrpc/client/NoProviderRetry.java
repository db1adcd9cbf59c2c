package dev.deepstreamrpc.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * Sends a call answered "no provider" again, for a while after each login: providers
 * register again a little after a reconnect, so callers that logged in first would
 * otherwise see a burst of {@link RpcNoProviderException}. Retrying is safe because that
 * answer means no provider ran the request.
 * <p>
 * Thread-safe. {@code lastLoginNanos} is written by the I/O thread and read by any
 * thread.
 */
final class NoProviderRetry {

	private static final long PAUSE_MILLIS = 50;

	private final long windowNanos;

	private final ScheduledExecutorService scheduler;

	private volatile long lastLoginNanos;

	/**
	 * Creates the policy.
	 * @param windowNanos how long after each login calls are retried, or 0 for never
	 * @param scheduler the client's timer
	 */
	NoProviderRetry(long windowNanos, ScheduledExecutorService scheduler) {
		this.windowNanos = windowNanos;
		this.scheduler = scheduler;
	}

	void loggedIn() {
		this.lastLoginNanos = System.nanoTime();
	}

	/**
	 * Retries a call when it is answered "no provider" within the window and its
	 * deadline.
	 * @param call the call as sent
	 * @param deadlineMillis the call's deadline
	 * @param resend sends the call again with the given deadline in milliseconds
	 * @return the call's outcome, retried where that applies
	 */
	CompletableFuture<Payload> apply(CompletableFuture<Payload> call, long deadlineMillis,
			LongFunction<CompletableFuture<Payload>> resend) {
		if (this.windowNanos == 0) {
			return call;
		}
		long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
		return call.exceptionallyCompose((failure) -> retry(unwrap(failure), deadlineNanos, resend));
	}

	private CompletableFuture<Payload> retry(Throwable failure, long deadlineNanos,
			LongFunction<CompletableFuture<Payload>> resend) {
		long now = System.nanoTime();
		long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - now) - PAUSE_MILLIS;
		boolean inWindow = now - this.lastLoginNanos < this.windowNanos;
		if (!(failure instanceof RpcNoProviderException) || !inWindow || remainingMillis <= 0) {
			return CompletableFuture.failedFuture(failure);
		}
		CompletableFuture<Payload> retried = new CompletableFuture<>();
		this.scheduler.schedule(() -> resend.apply(remainingMillis).whenComplete((result, again) -> {
			if (again != null) {
				retried.completeExceptionally(unwrap(again));
			}
			else {
				retried.complete(result);
			}
		}), PAUSE_MILLIS, TimeUnit.MILLISECONDS);
		return retried;
	}

	private static Throwable unwrap(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

}
