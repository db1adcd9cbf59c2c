package dev.deepstreamrpc.client;

import java.util.function.Consumer;

import dev.deepstreamrpc.client.connection.Session;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one request on the provider executor or the I/O thread: checks that its data is
 * JSON, runs the handler and turns an escaping exception into an error answer.
 * <p>
 * With automatic acknowledgement, the ACCEPT is sent only for a request that is not
 * answered at once: when its handler returns without having answered, or when the request
 * is still waiting or running a quarter of the server's ack timeout after receipt. The
 * server forwards an answer that arrives before its ack timer fires without an ACCEPT and
 * stops the timer with it, so a handler that answers at once costs one message instead of
 * two, for the provider, the server and the caller.
 * <p>
 * A request still unanswered once the server has stopped waiting for it expires: its slot
 * is freed and the thread serving it is interrupted, so that a hung handler cannot hold a
 * thread for ever.
 * <p>
 * Thread-safe. {@code runner} is written by the serving thread and read by the timer
 * thread; {@code deadline} is written by the receiving and the timer thread and read on
 * completion.
 */
final class ProviderInvocation implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(ProviderInvocation.class);

	private final Provider provider;

	private final RpcRequest request;

	private final DefaultRpcResponse response;

	private final Consumer<ProviderOutcome> onFinished;

	private volatile @Nullable Thread runner;

	private final long receivedNanos = System.nanoTime();

	private volatile DeadlineQueue.@Nullable Entry<ProviderInvocation> deadline;

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
		if (this.provider.options.autoAck()) {
			this.response.ack();
		}
	}

	/**
	 * Watches this request for a deadline, until it is answered.
	 * @param deadlines the queue that acts on the deadline
	 * @param afterReceiptNanos how long after receipt the deadline falls
	 */
	void watch(DeadlineQueue<ProviderInvocation> deadlines, long afterReceiptNanos) {
		DeadlineQueue.Entry<ProviderInvocation> entry = deadlines.add(this, this.receivedNanos + afterReceiptNanos);
		this.deadline = entry;
		if (this.response.isCompleted()) {
			entry.cancel();
		}
	}

	/**
	 * Gives up on this request, if it is still unanswered, and interrupts the thread
	 * serving it.
	 */
	void expire() {
		if (this.response.expire()) {
			logger.debug("Request for RPC '{}' expired unanswered", this.provider.name);
			Thread serving = this.runner;
			if (serving != null) {
				serving.interrupt();
			}
		}
	}

	private void finished() {
		DeadlineQueue.Entry<ProviderInvocation> watched = this.deadline;
		if (watched != null) {
			watched.cancel();
		}
		ProviderOutcome outcome = this.response.outcome();
		this.onFinished.accept((outcome != null) ? outcome : ProviderOutcome.ERROR);
	}

	private static String messageOf(Throwable ex) {
		String message = ex.getMessage();
		return (message != null) ? message : ex.getClass().getSimpleName();
	}

}
