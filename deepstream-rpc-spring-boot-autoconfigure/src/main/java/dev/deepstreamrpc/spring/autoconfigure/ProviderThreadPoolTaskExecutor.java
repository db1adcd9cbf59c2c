package dev.deepstreamrpc.spring.autoconfigure;

import java.util.concurrent.BlockingQueue;

import dev.deepstreamrpc.client.ProviderWorkQueue;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The default provider executor: a {@link ThreadPoolTaskExecutor}, configured, observed
 * and shut down like any other, whose queue is a {@link ProviderWorkQueue}, so that a
 * request arriving while a thread is busy waits for that thread instead of waking an idle
 * one, unless the busy threads turn out to be blocked.
 */
class ProviderThreadPoolTaskExecutor extends ThreadPoolTaskExecutor {

	@Override
	protected BlockingQueue<Runnable> createQueue(int queueCapacity) {
		return (queueCapacity > 0) ? new ProviderWorkQueue(queueCapacity) : super.createQueue(queueCapacity);
	}

}
