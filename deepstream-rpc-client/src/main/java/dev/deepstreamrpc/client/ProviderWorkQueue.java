package dev.deepstreamrpc.client;

import java.time.Duration;
import java.util.AbstractQueue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * The work queue of a provider thread pool: a bounded FIFO queue for a
 * {@link ThreadPoolExecutor} that does not wake an idle thread for a task while a busy
 * thread will come back for it.
 * <p>
 * A request served in a few microseconds costs less than waking a thread for it and
 * parking that thread again. The JDK's blocking queues wake an idle thread for every task
 * offered to an empty queue, and a thread that takes a task wakes another while tasks
 * remain, so a pool of idle threads serves a stream of small requests with a wake-up
 * each, on threads whose caches have gone cold. Here a task offered while a thread is
 * busy waits for that thread, which takes it as soon as it is done, and a task offered
 * while none is busy wakes the thread that went idle last.
 * <p>
 * A handler may block, and then its thread does not come back soon. While any thread is
 * busy, a timer checks the oldest task every {@code stall}: once it has waited that long
 * and every busy thread has been on its task at least as long, which blocked handlers
 * show and a loaded processor, slowing every thread alike, does not, idle threads take
 * every task that has waited the stall time, each woken thread waking the next. Tasks
 * queued behind blocked threads thus start about one stall period late, side by side. A
 * task that has waited fifty stall periods is taken whatever the busy threads do.
 * <p>
 * The bound works as with the JDK's queues: a pool whose threads are all busy and whose
 * queue is full refuses the task, and the client rejects the request so that the server
 * re-routes it. Only threads that take tasks through {@link #take()} or
 * {@link #poll(long, TimeUnit)}, as a {@code ThreadPoolExecutor}'s do, count as busy.
 * <p>
 * Thread-safe. Offering adds to a lock-free queue and takes the lock only when it may
 * have to wake a thread or arm the timer; everything else is guarded by the lock.
 */
public final class ProviderWorkQueue extends AbstractQueue<Runnable> implements BlockingQueue<Runnable> {

	/**
	 * How long the oldest task waits for busy threads before idle ones take it, if the
	 * busy threads have been on their tasks as long.
	 */
	public static final Duration DEFAULT_STALL = Duration.ofMillis(2);

	private static final long BACKSTOP_STALLS = 50;

	private final Queue<Task> tasks = new ConcurrentLinkedQueue<>();

	private final AtomicInteger size = new AtomicInteger();

	private final ReentrantLock lock = new ReentrantLock();

	private final ArrayDeque<IdleThread> idle = new ArrayDeque<>();

	private final Map<Thread, Long> busy = new IdentityHashMap<>();

	private final int capacity;

	private final long stallNanos;

	private final ScheduledExecutorService timer;

	private volatile int busyCount;

	private volatile boolean checking;

	private int waking;

	private long rescueQueuedBefore = Long.MIN_VALUE;

	/**
	 * Creates a queue that waits {@link #DEFAULT_STALL} for busy threads and checks them
	 * on a timer thread shared by all such queues.
	 * @param capacity how many tasks may wait for a thread
	 */
	public ProviderWorkQueue(int capacity) {
		this(capacity, DEFAULT_STALL, SharedTimer.INSTANCE);
	}

	/**
	 * Creates a queue.
	 * @param capacity how many tasks may wait for a thread
	 * @param stall how long the oldest task waits for busy threads before idle ones take
	 * it, if the busy threads have been on their tasks as long
	 * @param timer where the checks of busy threads run; they take microseconds
	 */
	public ProviderWorkQueue(int capacity, Duration stall, ScheduledExecutorService timer) {
		if (capacity <= 0) {
			throw new IllegalArgumentException("capacity must be positive");
		}
		if (stall.isNegative() || stall.isZero()) {
			throw new IllegalArgumentException("stall must be positive");
		}
		this.capacity = capacity;
		this.stallNanos = stall.toNanos();
		this.timer = Objects.requireNonNull(timer, "timer must not be null");
	}

	@Override
	public boolean offer(Runnable task) {
		Objects.requireNonNull(task, "task must not be null");
		if (this.size.incrementAndGet() > this.capacity) {
			this.size.decrementAndGet();
			return false;
		}
		this.tasks.add(new Task(task, System.nanoTime()));
		if (this.busyCount > 0 && this.checking) {
			return true;
		}
		this.lock.lock();
		try {
			if (this.busy.isEmpty()) {
				if (this.waking == 0) {
					wakeForTask();
				}
			}
			else {
				startChecking();
			}
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Wakes the idle thread that went idle last, whose stack and allocation buffer are
	 * the most likely to be still in the processor's caches.
	 */
	private void wakeForTask() {
		IdleThread last = this.idle.pollLast();
		if (last != null) {
			last.woken = true;
			last.condition.signal();
			this.waking++;
		}
	}

	/**
	 * Arms the check, unless it is armed. A timer that has been shut down, as a client's
	 * is when it closes while its pool finishes the requests it holds, arms nothing: the
	 * busy threads still come back for the tasks.
	 */
	private void startChecking() {
		if (!this.checking) {
			try {
				this.timer.schedule(this::check, this.stallNanos, TimeUnit.NANOSECONDS);
				this.checking = true;
			}
			catch (RejectedExecutionException ex) {
				this.checking = false;
			}
		}
	}

	/**
	 * Runs on the timer every stall period while any thread is busy: lets idle threads
	 * take the tasks that blocked threads hold up.
	 */
	private void check() {
		this.lock.lock();
		try {
			this.checking = false;
			if (this.busy.isEmpty()) {
				return;
			}
			long now = System.nanoTime();
			this.busy.keySet().removeIf((thread) -> !thread.isAlive());
			this.busyCount = this.busy.size();
			Task oldest = this.tasks.peek();
			if (oldest != null && isStuck(oldest, now)) {
				this.rescueQueuedBefore = now - this.stallNanos;
				wakeForTask();
			}
			if (!this.busy.isEmpty()) {
				startChecking();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private boolean isStuck(Task oldest, long now) {
		long waited = now - oldest.queuedNanos;
		if (waited < this.stallNanos) {
			return false;
		}
		if (waited < BACKSTOP_STALLS * this.stallNanos) {
			for (long started : this.busy.values()) {
				if (now - started < this.stallNanos) {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * Offers a task without waiting for room, as a {@code ThreadPoolExecutor} wants: a
	 * full queue means a busy pool, whose request should be rejected at once.
	 * @param task the task
	 * @param timeout ignored
	 * @param unit ignored
	 * @return whether the task was queued
	 */
	@Override
	public boolean offer(Runnable task, long timeout, TimeUnit unit) {
		return offer(task);
	}

	/**
	 * Queues a task without waiting for room.
	 * @param task the task
	 * @throws IllegalStateException if the queue is full
	 */
	@Override
	public void put(Runnable task) {
		if (!offer(task)) {
			throw new IllegalStateException("Queue full");
		}
	}

	@Override
	public Runnable take() throws InterruptedException {
		Runnable task = poll(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
		return Objects.requireNonNull(task);
	}

	@Override
	public @Nullable Runnable poll(long timeout, TimeUnit unit) throws InterruptedException {
		long deadline = System.nanoTime() + Math.min(unit.toNanos(timeout), Long.MAX_VALUE / 2);
		Thread current = Thread.currentThread();
		this.lock.lockInterruptibly();
		try {
			if (this.busy.remove(current) != null) {
				this.busyCount = this.busy.size();
			}
			while (true) {
				long now = System.nanoTime();
				Task oldest = this.tasks.peek();
				if (oldest != null && (this.busy.isEmpty() || oldest.queuedNanos <= this.rescueQueuedBefore)) {
					return take(current, now);
				}
				long left = deadline - now;
				if (left <= 0) {
					return null;
				}
				waitIdle(left);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private Runnable take(Thread current, long now) {
		Task oldest = Objects.requireNonNull(removeHead());
		this.busy.put(current, now);
		this.busyCount = this.busy.size();
		Task next = this.tasks.peek();
		if (next != null && next.queuedNanos <= this.rescueQueuedBefore) {
			wakeForTask();
		}
		startChecking();
		return oldest.task;
	}

	private void waitIdle(long left) throws InterruptedException {
		IdleThread self = new IdleThread(this.lock.newCondition());
		this.idle.addLast(self);
		try {
			self.condition.awaitNanos(left);
		}
		finally {
			if (self.woken) {
				this.waking--;
			}
			else {
				this.idle.remove(self);
			}
		}
	}

	private @Nullable Task removeHead() {
		Task head = this.tasks.poll();
		if (head != null) {
			this.size.decrementAndGet();
		}
		return head;
	}

	@Override
	public @Nullable Runnable poll() {
		this.lock.lock();
		try {
			Task head = removeHead();
			return (head != null) ? head.task : null;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public @Nullable Runnable peek() {
		Task head = this.tasks.peek();
		return (head != null) ? head.task : null;
	}

	@Override
	public int size() {
		return Math.min(this.capacity, this.size.get());
	}

	@Override
	public int remainingCapacity() {
		return Math.max(0, this.capacity - this.size.get());
	}

	@Override
	public boolean remove(Object task) {
		this.lock.lock();
		try {
			for (Task queued : this.tasks) {
				if (queued.task == task && this.tasks.remove(queued)) {
					this.size.decrementAndGet();
					return true;
				}
			}
			return false;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public Iterator<Runnable> iterator() {
		List<Runnable> snapshot = new ArrayList<>();
		this.tasks.forEach((queued) -> snapshot.add(queued.task));
		Iterator<Runnable> iterator = snapshot.iterator();
		return new Iterator<>() {

			private @Nullable Runnable last;

			@Override
			public boolean hasNext() {
				return iterator.hasNext();
			}

			@Override
			public Runnable next() {
				this.last = iterator.next();
				return this.last;
			}

			@Override
			public void remove() {
				Runnable removed = this.last;
				if (removed == null) {
					throw new IllegalStateException();
				}
				ProviderWorkQueue.this.remove(removed);
				this.last = null;
			}

		};
	}

	@Override
	public int drainTo(Collection<? super Runnable> target) {
		return drainTo(target, Integer.MAX_VALUE);
	}

	@Override
	public int drainTo(Collection<? super Runnable> target, int maxElements) {
		this.lock.lock();
		try {
			int drained = 0;
			Task head;
			while (drained < maxElements && (head = removeHead()) != null) {
				target.add(head.task);
				drained++;
			}
			return drained;
		}
		finally {
			this.lock.unlock();
		}
	}

	private record Task(Runnable task, long queuedNanos) {

	}

	/**
	 * A pool thread waiting for a task.
	 */
	private static final class IdleThread {

		private final Condition condition;

		private boolean woken;

		IdleThread(Condition condition) {
			this.condition = condition;
		}

	}

	/**
	 * The timer of the queues created without one: one daemon thread, started when first
	 * needed.
	 */
	private static final class SharedTimer {

		static final ScheduledExecutorService INSTANCE = create();

		private static ScheduledExecutorService create() {
			ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, (runnable) -> {
				Thread thread = new Thread(runnable, "deepstream-rpc-provider-stall-check");
				thread.setDaemon(true);
				return thread;
			});
			timer.setRemoveOnCancelPolicy(true);
			return timer;
		}

	}

}
