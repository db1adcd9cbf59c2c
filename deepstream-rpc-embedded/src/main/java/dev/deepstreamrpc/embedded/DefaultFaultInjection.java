package dev.deepstreamrpc.embedded;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Holds the faults planned by tests until the server's event loop takes them, one per
 * request.
 * <p>
 * Thread-safe: tests plan from their own threads and the event loop takes from its
 * thread. The plans are guarded by {@code this}; the event loop only locks when
 * {@link #planned} says that something is planned, so requests pay one volatile read.
 */
final class DefaultFaultInjection implements FaultInjection {

	private static final int MAX_PLANS_PER_NAME = 1024;

	private final ConnectionAborter aborter;

	/**
	 * Plans per RPC name, oldest first; guarded by {@code this}, at most 1024 entries
	 * each.
	 */
	private final Map<String, ArrayDeque<Plan>> plans = new HashMap<>();

	/**
	 * How many requests are planned to fail; written under {@code this}, read by the
	 * event loop.
	 */
	private volatile int planned;

	/**
	 * The delay of outbound messages in nanoseconds; written by tests, read by the event
	 * loop.
	 */
	private volatile long delayNanos;

	DefaultFaultInjection(ConnectionAborter aborter) {
		this.aborter = aborter;
	}

	@Override
	public void timeOutNext(String rpcName, int requests) {
		plan(rpcName, requests, new PlannedFault(PlannedFault.Kind.TIME_OUT, null));
	}

	@Override
	public void rejectNext(String rpcName, int requests) {
		plan(rpcName, requests, new PlannedFault(PlannedFault.Kind.REJECT, null));
	}

	@Override
	public void failNext(String rpcName, int requests, String error) {
		plan(rpcName, requests, new PlannedFault(PlannedFault.Kind.FAIL, Objects.requireNonNull(error, "error")));
	}

	private synchronized void plan(String rpcName, int requests, PlannedFault fault) {
		Objects.requireNonNull(rpcName, "rpcName");
		if (requests <= 0) {
			throw new IllegalArgumentException("requests must be positive but was " + requests);
		}
		ArrayDeque<Plan> queue = this.plans.computeIfAbsent(rpcName, (name) -> new ArrayDeque<>());
		if (queue.size() >= MAX_PLANS_PER_NAME) {
			throw new IllegalStateException("Too many fault plans for '" + rpcName + "'; call reset()");
		}
		queue.add(new Plan(fault, requests));
		this.planned += requests;
	}

	/**
	 * Takes the fault planned for the next request of an RPC.
	 * @param rpcName the RPC name
	 * @return the fault, or {@code null} to route the request normally
	 */
	@Nullable PlannedFault take(String rpcName) {
		if (this.planned == 0) {
			return null;
		}
		synchronized (this) {
			ArrayDeque<Plan> queue = this.plans.get(rpcName);
			Plan plan = (queue != null) ? queue.peek() : null;
			if (plan == null) {
				return null;
			}
			if (--plan.remaining == 0) {
				queue.poll();
			}
			this.planned--;
			return plan.fault;
		}
	}

	@Override
	public void delayMessages(Duration delay) {
		if (delay.isNegative()) {
			throw new IllegalArgumentException("delay must not be negative but was " + delay);
		}
		this.delayNanos = delay.toNanos();
	}

	long delayNanos() {
		return this.delayNanos;
	}

	@Override
	public int dropConnections() {
		return this.aborter.abort(null);
	}

	@Override
	public int dropConnections(String username) {
		return this.aborter.abort(Objects.requireNonNull(username, "username"));
	}

	@Override
	public synchronized void reset() {
		this.plans.clear();
		this.planned = 0;
		this.delayNanos = 0;
	}

	/**
	 * A fault planned for a number of requests; guarded by the enclosing instance.
	 */
	private static final class Plan {

		private final PlannedFault fault;

		private int remaining;

		Plan(PlannedFault fault, int remaining) {
			this.fault = fault;
			this.remaining = remaining;
		}

	}

	/**
	 * Aborts connections on behalf of fault injection, so that this class needs no
	 * reference to the running server.
	 */
	@FunctionalInterface
	interface ConnectionAborter {

		/**
		 * Aborts connections.
		 * @param username only connections of this user, or {@code null} for all
		 * @return how many connections were aborted
		 */
		int abort(@Nullable String username);

	}

}
