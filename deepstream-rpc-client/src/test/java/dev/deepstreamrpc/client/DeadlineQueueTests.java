package dev.deepstreamrpc.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeadlineQueueTests {

	private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);

	private final List<String> due = new CopyOnWriteArrayList<>();

	private final DeadlineQueue<String> queue = new DeadlineQueue<>(this.scheduler, this.due::add);

	@AfterEach
	void stopScheduler() {
		this.scheduler.shutdownNow();
	}

	@Test
	void itemsComeDueInTheOrderOfTheirDeadlinesWhateverTheOrderTheyWereAddedIn() {
		long now = System.nanoTime();
		this.queue.add("third", now + millis(300));
		this.queue.add("first", now + millis(100));
		this.queue.add("second", now + millis(200));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.due.size() == 3);
		assertThat(this.due).containsExactly("first", "second", "third");
		assertThat(System.nanoTime() - now).isGreaterThanOrEqualTo(millis(300));
	}

	@Test
	void anEarlierDeadlineAddedAfterALaterOneComesDueOnTime() {
		long now = System.nanoTime();
		this.queue.add("later", now + millis(60_000));
		this.queue.add("sooner", now + millis(50));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.due.contains("sooner"));
		assertThat(this.due).containsExactly("sooner");
	}

	@Test
	void cancelledItemsNeverComeDue() {
		long now = System.nanoTime();
		DeadlineQueue.Entry<String> cancelled = this.queue.add("cancelled", now + millis(50));
		this.queue.add("kept", now + millis(100));
		cancelled.cancel();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.due.contains("kept"));
		assertThat(this.due).containsExactly("kept");
	}

	@Test
	void itemsAddedInDeadlineOrderShareOneTimerTask() {
		long now = System.nanoTime();
		List<DeadlineQueue.Entry<String>> entries = IntStream.range(0, 1000)
			.mapToObj((i) -> this.queue.add("item-" + i, now + millis(60_000) + i))
			.toList();
		assertThat(this.scheduler.getQueue()).hasSize(1);
		entries.forEach(DeadlineQueue.Entry::cancel);
		this.queue.add("last", System.nanoTime() + millis(50));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.due.contains("last"));
		assertThat(this.due).containsExactly("last");
	}

	private static long millis(long millis) {
		return Duration.ofMillis(millis).toNanos();
	}

}
