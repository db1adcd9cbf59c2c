package dev.deepstreamrpc.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Calls made while the client is not logged in, in the opt-in wait-for-connection mode:
 * they are held, in order, until the next login sends them, or fail when their deadline
 * passes first. None is sent before the login.
 * <p>
 * Thread-safe. The queue is bounded by {@code capacity}: a call beyond it fails at once
 * with {@link RpcBackpressureException}. Whoever removes a call from the map completes it
 * and cancels its deadline.
 */
final class WaitingCalls {

	private final Map<Long, Waiting> waiting = new ConcurrentSkipListMap<>();

	private final AtomicLong sequence = new AtomicLong();

	private final AtomicInteger size = new AtomicInteger();

	private final int capacity;

	private final ScheduledExecutorService scheduler;

	WaitingCalls(int capacity, ScheduledExecutorService scheduler) {
		this.capacity = capacity;
		this.scheduler = scheduler;
	}

	/**
	 * Holds a call until the next login.
	 * @param name the RPC name
	 * @param data the request data, or {@code null} for none
	 * @param deadlineMillis the call's deadline
	 * @return the call's future, or {@code null} if the queue is full
	 */
	@Nullable CompletableFuture<Payload> hold(String name, byte @Nullable [] data, long deadlineMillis) {
		if (this.size.incrementAndGet() > this.capacity) {
			this.size.decrementAndGet();
			return null;
		}
		long key = this.sequence.incrementAndGet();
		Waiting call = new Waiting(name, data, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMillis));
		this.waiting.put(key, call);
		this.scheduler.schedule(
				() -> fail(key,
						(held) -> new RpcNotConnectedException(
								"Not connected within the deadline of RPC '" + held.name + "': it was not sent")),
				deadlineMillis, TimeUnit.MILLISECONDS);
		return call.future;
	}

	/**
	 * Sends every held call, in order, now that the client is logged in.
	 * @param sender sends one call with its remaining deadline in milliseconds
	 */
	void release(Sender sender) {
		for (Long key : this.waiting.keySet()) {
			Waiting call = take(key);
			if (call != null) {
				long remaining = TimeUnit.NANOSECONDS.toMillis(call.deadlineNanos - System.nanoTime());
				sender.send(call.name, call.data, Math.max(remaining, 1)).whenComplete((result, failure) -> {
					if (failure != null) {
						call.future.completeExceptionally(failure);
					}
					else {
						call.future.complete(result);
					}
				});
			}
		}
	}

	void failAll(Function<Waiting, DeepstreamRpcException> failure) {
		for (Long key : this.waiting.keySet()) {
			fail(key, failure);
		}
	}

	private void fail(long key, Function<Waiting, DeepstreamRpcException> failure) {
		Waiting call = take(key);
		if (call != null) {
			call.future.completeExceptionally(failure.apply(call));
		}
	}

	private @Nullable Waiting take(long key) {
		Waiting call = this.waiting.remove(key);
		if (call != null) {
			this.size.decrementAndGet();
			ScheduledFuture<?> deadline = call.deadline;
			if (deadline != null) {
				deadline.cancel(false);
			}
		}
		return call;
	}

	/**
	 * Sends one held call.
	 */
	@FunctionalInterface
	interface Sender {

		CompletableFuture<Payload> send(String name, byte @Nullable [] data, long deadlineMillis);

	}

	/**
	 * One held call.
	 */
	static final class Waiting {

		final String name;

		final byte @Nullable [] data;

		final long deadlineNanos;

		final CompletableFuture<Payload> future = new CompletableFuture<>();

		volatile @Nullable ScheduledFuture<?> deadline;

		Waiting(String name, byte @Nullable [] data, long deadlineNanos) {
			this.name = name;
			this.data = data;
			this.deadlineNanos = deadlineNanos;
		}

	}

}
