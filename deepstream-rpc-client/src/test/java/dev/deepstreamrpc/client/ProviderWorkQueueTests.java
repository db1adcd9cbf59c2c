package dev.deepstreamrpc.client;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class ProviderWorkQueueTests {

	private static final Duration LONG_STALL = Duration.ofSeconds(30);

	private final CountDownLatch release = new CountDownLatch(1);

	private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);

	private ThreadPoolExecutor pool;

	@AfterEach
	void stopPool() {
		this.release.countDown();
		if (this.pool != null) {
			this.pool.shutdownNow();
		}
		this.timer.shutdownNow();
	}

	@Test
	void anIdlePoolStartsATaskAtOnce() {
		this.pool = pool(2, 8, LONG_STALL);
		this.pool.prestartAllCoreThreads();
		CountDownLatch ran = new CountDownLatch(1);
		this.pool.execute(ran::countDown);
		await().atMost(Duration.ofSeconds(5)).until(() -> ran.getCount() == 0);
	}

	@Test
	void tasksOfferedWhileAThreadIsBusyWaitForThatThreadInsteadOfWakingAnother() {
		this.pool = pool(4, 8, LONG_STALL);
		this.pool.prestartAllCoreThreads();
		List<String> threads = new CopyOnWriteArrayList<>();
		CountDownLatch busy = new CountDownLatch(1);
		this.pool.execute(() -> {
			threads.add(Thread.currentThread().getName());
			busy.countDown();
			awaitRelease();
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> busy.getCount() == 0);
		for (int i = 0; i < 3; i++) {
			this.pool.execute(() -> threads.add(Thread.currentThread().getName()));
		}
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> threads.size() == 1);
		this.release.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> threads.size() == 4);
		assertThat(Set.copyOf(threads)).hasSize(1);
	}

	@Test
	void blockingTasksStillRunSideBySideOnceTheOldestHasWaitedTheStallTime() {
		this.pool = pool(4, 8, Duration.ofMillis(20));
		this.pool.prestartAllCoreThreads();
		CountDownLatch allRunning = new CountDownLatch(4);
		Set<String> threads = ConcurrentHashMap.newKeySet();
		for (int i = 0; i < 4; i++) {
			this.pool.execute(() -> {
				threads.add(Thread.currentThread().getName());
				allRunning.countDown();
				awaitRelease();
			});
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> allRunning.getCount() == 0);
		assertThat(threads).hasSize(4);
	}

	@Test
	void aBurstOfBlockingTasksStartsSideBySideOneStallPeriodLate() {
		this.pool = pool(8, 16, Duration.ofMillis(200));
		this.pool.prestartAllCoreThreads();
		CountDownLatch allRunning = new CountDownLatch(8);
		long start = System.nanoTime();
		for (int i = 0; i < 8; i++) {
			this.pool.execute(() -> {
				allRunning.countDown();
				awaitRelease();
			});
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> allRunning.getCount() == 0);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2 * 200 + 150));
	}

	@Test
	void queuedTasksBehindABlockedThreadAreTakenByIdleOnesWithoutNewArrivals() {
		this.pool = pool(3, 8, Duration.ofMillis(20));
		this.pool.prestartAllCoreThreads();
		CountDownLatch blocked = new CountDownLatch(1);
		this.pool.execute(() -> {
			blocked.countDown();
			awaitRelease();
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> blocked.getCount() == 0);
		CountDownLatch ran = new CountDownLatch(2);
		this.pool.execute(ran::countDown);
		this.pool.execute(ran::countDown);
		await().atMost(Duration.ofSeconds(5)).until(() -> ran.getCount() == 0);
	}

	@Test
	void aFullPoolRefusesTheTask() {
		this.pool = pool(1, 2, LONG_STALL);
		this.pool.execute(this::awaitRelease);
		this.pool.execute(this::awaitRelease);
		this.pool.execute(this::awaitRelease);
		assertThatExceptionOfType(RejectedExecutionException.class)
			.isThrownBy(() -> this.pool.execute(this::awaitRelease));
		assertThat(this.pool.getQueue()).hasSize(2);
	}

	@Test
	void idleThreadsTimeOut() {
		this.pool = pool(2, 8, Duration.ofMillis(20));
		this.pool.setKeepAliveTime(100, TimeUnit.MILLISECONDS);
		this.pool.allowCoreThreadTimeOut(true);
		this.pool.prestartAllCoreThreads();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.pool.getPoolSize() == 0);
	}

	@Test
	void tasksStillRunWhenTheTimerHasBeenShutDown() {
		this.pool = pool(1, 8, Duration.ofMillis(20));
		CountDownLatch busy = new CountDownLatch(1);
		this.pool.execute(() -> {
			busy.countDown();
			awaitRelease();
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> busy.getCount() == 0);
		this.timer.shutdownNow();
		CountDownLatch ran = new CountDownLatch(3);
		for (int i = 0; i < 3; i++) {
			this.pool.execute(ran::countDown);
		}
		this.release.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> ran.getCount() == 0);
	}

	@Test
	void shutdownNowReturnsTheTasksStillQueued() {
		this.pool = pool(1, 8, LONG_STALL);
		this.pool.execute(this::awaitRelease);
		Runnable queued = () -> {
		};
		this.pool.execute(queued);
		assertThat(this.pool.shutdownNow()).containsExactly(queued);
	}

	private void awaitRelease() {
		try {
			this.release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private ThreadPoolExecutor pool(int threads, int capacity, Duration stall) {
		return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
				new ProviderWorkQueue(capacity, stall, this.timer));
	}

}
