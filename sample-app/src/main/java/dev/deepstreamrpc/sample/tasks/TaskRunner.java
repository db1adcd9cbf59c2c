package dev.deepstreamrpc.sample.tasks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.deepstreamrpc.sample.SampleProperties;
import dev.deepstreamrpc.spring.RpcProvider;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Service;

/**
 * Provides {@code task}, a slow task of which at most fifty run at once: the 51st
 * simultaneous request is rejected before it is acknowledged, so that the server
 * re-routes it to another provider of {@code task}, or answers {@code NO_RPC_PROVIDER}
 * when there is none. The gauge {@code sample.tasks.running} shows the load.
 * <p>
 * A task waits without holding a thread, so fifty of them run at once on the provider
 * executor's few threads; a request's slot is freed when its result is sent. Thread-safe:
 * {@code running} is updated by provider threads and by the delayed executor's threads.
 */
@Service
class TaskRunner implements MeterBinder {

	static final String COMPLETED_BY = "sample-app";

	private final Duration duration;

	private final AtomicInteger running = new AtomicInteger();

	TaskRunner(SampleProperties properties) {
		this.duration = properties.getTask().getDuration();
	}

	@RpcProvider(value = "task", maxConcurrency = 50)
	CompletableFuture<TaskResult> run(TaskRequest task) {
		this.running.incrementAndGet();
		Executor afterDuration = CompletableFuture.delayedExecutor(this.duration.toMillis(), TimeUnit.MILLISECONDS);
		return CompletableFuture
			.supplyAsync(() -> new TaskResult(task.id(), COMPLETED_BY, this.duration.toMillis()), afterDuration)
			.whenComplete((result, failure) -> this.running.decrementAndGet());
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("sample.tasks.running", this.running, AtomicInteger::get)
			.description("Tasks running now")
			.register(registry);
	}

}
