package dev.deepstreamrpc.client.connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler and a clock that only move when the test says so, so that heartbeats,
 * deadlines and backoff can be tested over simulated minutes in milliseconds and always
 * in the same order (in the style of gRPC's {@code FakeClock}).
 * <p>
 * {@link #advance(Duration)} runs every task that falls due up to the new time, in order
 * of due time and then of scheduling, with {@link #nanoTime()} set to each task's due
 * time while it runs. A task that throws fails the {@code advance} that ran it, instead
 * of being swallowed as a real scheduler would. Not thread-safe: the clock and every task
 * it runs are confined to the test's thread.
 */
final class FakeClock extends AbstractExecutorService implements ScheduledExecutorService {

	private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();

	private final List<Throwable> failures = new ArrayList<>();

	private long nanos = Duration.ofHours(1).toNanos();

	private long sequence;

	private boolean shutdown;

	/**
	 * The current time, as {@link System#nanoTime()} would return it.
	 * @return the time in nanoseconds
	 */
	long nanoTime() {
		return this.nanos;
	}

	/**
	 * Moves the time forward, running every task that falls due on the way.
	 * @param duration how far to move; zero runs only what is due now
	 */
	void advance(Duration duration) {
		long target = this.nanos + duration.toNanos();
		Task<?> next = this.queue.peek();
		while (next != null && next.due <= target) {
			this.queue.poll();
			this.nanos = next.due;
			next.run();
			next = this.queue.peek();
		}
		this.nanos = target;
		if (!this.failures.isEmpty()) {
			AssertionError error = new AssertionError("A scheduled task failed", this.failures.get(0));
			this.failures.clear();
			throw error;
		}
	}

	/**
	 * Runs what is due now, such as work handed over with {@link #execute(Runnable)}.
	 */
	void runDueTasks() {
		advance(Duration.ZERO);
	}

	/**
	 * The number of tasks waiting to run, periodic ones included.
	 * @return the count
	 */
	int pendingTasks() {
		return this.queue.size();
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
		return enqueue(new Task<>(command, null, this.nanos + unit.toNanos(delay), 0));
	}

	@Override
	public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
		return enqueue(new Task<>(callable, this.nanos + unit.toNanos(delay), 0));
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
		return enqueue(new Task<>(command, null, this.nanos + unit.toNanos(initialDelay), unit.toNanos(period)));
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
		return scheduleAtFixedRate(command, initialDelay, delay, unit);
	}

	@Override
	public void execute(Runnable command) {
		schedule(command, 0, TimeUnit.NANOSECONDS);
	}

	@Override
	public void shutdown() {
		this.shutdown = true;
	}

	@Override
	public List<Runnable> shutdownNow() {
		this.shutdown = true;
		List<Runnable> pending = new ArrayList<>(this.queue);
		this.queue.clear();
		return pending;
	}

	@Override
	public boolean isShutdown() {
		return this.shutdown;
	}

	@Override
	public boolean isTerminated() {
		return this.shutdown && this.queue.isEmpty();
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) {
		return isTerminated();
	}

	private <V> Task<V> enqueue(Task<V> task) {
		if (this.shutdown) {
			throw new java.util.concurrent.RejectedExecutionException("The fake clock is shut down");
		}
		this.queue.add(task);
		return task;
	}

	/**
	 * One scheduled task; periodic ones go back into the queue after each run.
	 */
	private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {

		private final long period;

		private final long order = FakeClock.this.sequence++;

		private long due;

		Task(Runnable runnable, V result, long due, long period) {
			super(runnable, result);
			this.due = due;
			this.period = period;
		}

		Task(Callable<V> callable, long due, long period) {
			super(callable);
			this.due = due;
			this.period = period;
		}

		@Override
		public void run() {
			if (this.period == 0) {
				super.run();
				recordFailure();
			}
			else if (runAndReset()) {
				this.due += this.period;
				FakeClock.this.queue.add(this);
			}
			else {
				recordFailure();
			}
		}

		private void recordFailure() {
			if (isCancelled()) {
				return;
			}
			try {
				get();
			}
			catch (ExecutionException ex) {
				FakeClock.this.failures.add(ex.getCause());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			boolean cancelled = super.cancel(mayInterruptIfRunning);
			FakeClock.this.queue.remove(this);
			return cancelled;
		}

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(this.due - FakeClock.this.nanos, TimeUnit.NANOSECONDS);
		}

		@Override
		public int compareTo(Delayed other) {
			if (other instanceof Task<?> task) {
				int byDue = Long.compare(this.due, task.due);
				return (byDue != 0) ? byDue : Long.compare(this.order, task.order);
			}
			return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
		}

	}

}
