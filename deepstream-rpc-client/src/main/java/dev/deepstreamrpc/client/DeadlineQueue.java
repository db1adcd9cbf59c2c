package dev.deepstreamrpc.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Items waiting for a deadline, in a list sorted by deadline, with at most one timer task
 * pending for all of them. An item added is inserted from the tail, which takes one step
 * when deadlines are added in order, as they nearly are for requests that all wait the
 * same time from their receipt; an item cancelled is unlinked in one step.
 * <p>
 * A timer task per item, as {@link ScheduledExecutorService#schedule} gives, wakes the
 * timer thread whenever the new task is the earliest one pending, which for requests
 * answered within microseconds is nearly every request: under load that was a thread
 * switch per request served. Here the timer thread wakes once per deadline that has no
 * earlier one pending, and finds the items due by then.
 * <p>
 * Thread-safe. The list and {@code armed} are guarded by this queue's monitor; the action
 * runs on the timer thread without it.
 *
 * @param <T> the type of the items
 */
final class DeadlineQueue<T> {

	private final ScheduledExecutorService scheduler;

	private final Consumer<T> onDeadline;

	private @Nullable Entry<T> head;

	private @Nullable Entry<T> tail;

	private boolean armed;

	private long armedForNanos;

	/**
	 * Creates a queue.
	 * @param scheduler the timer
	 * @param onDeadline what to do with an item whose deadline has passed uncancelled
	 */
	DeadlineQueue(ScheduledExecutorService scheduler, Consumer<T> onDeadline) {
		this.scheduler = scheduler;
		this.onDeadline = onDeadline;
	}

	/**
	 * Adds an item.
	 * @param item the item
	 * @param deadlineNanos its deadline, on the {@link System#nanoTime()} scale
	 * @return the entry that cancels it
	 */
	Entry<T> add(T item, long deadlineNanos) {
		Entry<T> entry = new Entry<>(this, item, deadlineNanos);
		synchronized (this) {
			Entry<T> before = this.tail;
			while (before != null && before.deadlineNanos - deadlineNanos > 0) {
				before = before.previous;
			}
			linkAfter(before, entry);
			if (!this.armed || deadlineNanos - this.armedForNanos < 0) {
				arm(deadlineNanos);
			}
		}
		return entry;
	}

	private void linkAfter(@Nullable Entry<T> before, Entry<T> entry) {
		Entry<T> after = (before != null) ? before.next : this.head;
		entry.previous = before;
		entry.next = after;
		if (before != null) {
			before.next = entry;
		}
		else {
			this.head = entry;
		}
		if (after != null) {
			after.previous = entry;
		}
		else {
			this.tail = entry;
		}
		entry.linked = true;
	}

	private synchronized void cancel(Entry<T> entry) {
		if (entry.linked) {
			unlink(entry);
		}
	}

	private void unlink(Entry<T> entry) {
		if (entry.previous != null) {
			entry.previous.next = entry.next;
		}
		else {
			this.head = entry.next;
		}
		if (entry.next != null) {
			entry.next.previous = entry.previous;
		}
		else {
			this.tail = entry.previous;
		}
		entry.previous = null;
		entry.next = null;
		entry.linked = false;
	}

	private void arm(long deadlineNanos) {
		this.armed = true;
		this.armedForNanos = deadlineNanos;
		this.scheduler.schedule(() -> serveDue(deadlineNanos), Math.max(0, deadlineNanos - System.nanoTime()),
				TimeUnit.NANOSECONDS);
	}

	/**
	 * Takes the items due and runs the action for each. Only the task armed last arms the
	 * next one: a task armed for a deadline that an earlier one has since replaced serves
	 * what is due and ends.
	 * @param armedForNanos the deadline this task was armed for
	 */
	private void serveDue(long armedForNanos) {
		List<T> due = new ArrayList<>();
		synchronized (this) {
			long now = System.nanoTime();
			Entry<T> first = this.head;
			while (first != null && first.deadlineNanos - now <= 0) {
				unlink(first);
				due.add(first.item);
				first = this.head;
			}
			if (this.armed && this.armedForNanos == armedForNanos) {
				this.armed = false;
				if (first != null) {
					arm(first.deadlineNanos);
				}
			}
		}
		due.forEach(this.onDeadline);
	}

	/**
	 * An item in the queue, until its deadline passes or it is cancelled.
	 *
	 * @param <T> the type of the item
	 */
	static final class Entry<T> {

		private final DeadlineQueue<T> queue;

		private final T item;

		private final long deadlineNanos;

		private @Nullable Entry<T> previous;

		private @Nullable Entry<T> next;

		private boolean linked;

		private Entry(DeadlineQueue<T> queue, T item, long deadlineNanos) {
			this.queue = queue;
			this.item = item;
			this.deadlineNanos = deadlineNanos;
		}

		/**
		 * Removes the item, if its deadline has not passed yet.
		 */
		void cancel() {
			this.queue.cancel(this);
		}

	}

}
