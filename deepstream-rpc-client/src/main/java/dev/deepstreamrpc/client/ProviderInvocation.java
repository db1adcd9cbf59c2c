package dev.deepstreamrpc.client;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.deepstreamrpc.client.connection.Session;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one request on the provider executor: checks that its data is JSON, runs the
 * handler and turns an escaping exception into an error answer. A request still
 * unanswered once the server has stopped waiting for it expires: its slot is freed and
 * the thread serving it is interrupted, so that a hung handler cannot hold a thread for
 * ever.
 * <p>
 * Thread-safe. {@code runner} is written by the executor thread and read by the timer
 * thread; {@code expiry} is written once by the I/O thread and read on completion.
 */
final class ProviderInvocation implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(ProviderInvocation.class);

	private final Provider provider;

	private final RpcRequest request;

	private final DefaultRpcResponse response;

	private final Consumer<ProviderOutcome> onFinished;

	private volatile @Nullable Thread runner;

	private volatile @Nullable ScheduledFuture<?> expiry;

	ProviderInvocation(Provider provider, RpcRequest request, Session session, String correlationId, PayloadCodec codec,
			Consumer<ProviderOutcome> onFinished) {
		this.provider = provider;
		this.request = request;
		this.onFinished = onFinished;
		this.response = new DefaultRpcResponse(session, provider.name, correlationId, codec, this::finished);
	}

	DefaultRpcResponse response() {
		return this.response;
	}

	@Override
	public void run() {
		if (!this.request.data().isValidJson()) {
			logger.debug("Request data for RPC '{}' is not valid JSON", this.provider.name);
			this.response.error(DefaultRpcResponse.INVALID_ARGUMENT);
			return;
		}
		this.runner = Thread.currentThread();
		try {
			this.provider.handler.handle(this.request, this.response);
		}
		catch (Throwable ex) {
			logger.debug("Provider of RPC '{}' failed", this.provider.name, ex);
			this.response.error(messageOf(ex));
		}
		finally {
			this.runner = null;
			Thread.interrupted();
		}
	}

	/**
	 * Arms the expiry, after the invocation was handed to the executor.
	 * @param scheduler the timer
	 * @param afterMillis when the server has stopped waiting for the answer
	 */
	void expireAfter(ScheduledExecutorService scheduler, long afterMillis) {
		ScheduledFuture<?> scheduled = scheduler.schedule(this::expire, afterMillis, TimeUnit.MILLISECONDS);
		this.expiry = scheduled;
		if (this.response.isCompleted()) {
			scheduled.cancel(false);
		}
	}

	private void expire() {
		if (this.response.expire()) {
			logger.debug("Request for RPC '{}' expired unanswered", this.provider.name);
			Thread serving = this.runner;
			if (serving != null) {
				serving.interrupt();
			}
		}
	}

	private void finished() {
		ScheduledFuture<?> scheduled = this.expiry;
		if (scheduled != null) {
			scheduled.cancel(false);
		}
		ProviderOutcome outcome = this.response.outcome();
		this.onFinished.accept((outcome != null) ? outcome : ProviderOutcome.ERROR);
	}

	private static String messageOf(Throwable ex) {
		String message = ex.getMessage();
		return (message != null) ? message : ex.getClass().getSimpleName();
	}

}
