package dev.deepstreamrpc.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import dev.deepstreamrpc.client.connection.Session;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls this client has in flight, keyed by correlation id. Whoever removes a call
 * from the map completes it, which is what guarantees exactly one outcome per call: a
 * reply, a server error, the local deadline, the loss of the connection or the client's
 * closing, whichever comes first.
 * <p>
 * Thread-safe. The map is bounded by {@code maxInFlight}: a call beyond it fails at once
 * with {@link RpcBackpressureException}.
 */
final class PendingCalls {

	private static final Logger logger = LoggerFactory.getLogger(PendingCalls.class);

	private final Map<String, Call> calls = new ConcurrentHashMap<>();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicLong unexpectedReplies = new AtomicLong();

	private final int maxInFlight;

	private final ScheduledExecutorService scheduler;

	private final Executor completionExecutor;

	PendingCalls(int maxInFlight, ScheduledExecutorService scheduler, Executor completionExecutor) {
		this.maxInFlight = maxInFlight;
		this.scheduler = scheduler;
		this.completionExecutor = completionExecutor;
	}

	/**
	 * Registers a call before its request is sent, so that no reply can arrive unknown.
	 * @param correlationId the call's id
	 * @param name the RPC name
	 * @param session the session the request goes out on
	 * @param deadlineMillis the local deadline
	 * @return the call's future, or {@code null} if the in-flight bound is reached
	 */
	@Nullable CompletableFuture<Payload> register(String correlationId, String name, Session session, long deadlineMillis) {
		if (this.inFlight.incrementAndGet() > this.maxInFlight) {
			this.inFlight.decrementAndGet();
			return null;
		}
		Call call = new Call(name, session);
		this.calls.put(correlationId, call);
		call.deadline = this.scheduler.schedule(() -> expire(correlationId, call), deadlineMillis,
				TimeUnit.MILLISECONDS);
		return call.future;
	}

	void accepted(String correlationId) {
		Call call = this.calls.get(correlationId);
		if (call != null) {
			call.accepted = true;
		}
		else {
			unexpected(correlationId, "ACCEPT");
		}
	}

	void succeed(String correlationId, Payload result) {
		Call call = this.calls.remove(correlationId);
		if (call != null) {
			finish(call, result, null);
		}
		else {
			unexpected(correlationId, "RESPONSE");
		}
	}

	void fail(String correlationId, DeepstreamRpcException failure) {
		Call call = this.calls.remove(correlationId);
		if (call != null) {
			finish(call, null, failure);
		}
		else {
			unexpected(correlationId, failure.getClass().getSimpleName());
		}
	}

	void sessionClosed(Session session, Throwable cause) {
		failAll((call) -> (call.session == session) ? new RpcConnectionLostException(
				"The connection was lost " + "while RPC '" + call.name + "' was in flight: " + cause.getMessage(),
				cause) : null);
	}

	void closed() {
		failAll((call) -> new RpcClientClosedException(
				"The client was closed while RPC '" + call.name + "' was in flight"));
	}

	int inFlight() {
		return this.inFlight.get();
	}

	long unexpectedReplies() {
		return this.unexpectedReplies.get();
	}

	private void failAll(Function<Call, @Nullable DeepstreamRpcException> failure) {
		this.calls.forEach((correlationId, call) -> {
			DeepstreamRpcException exception = failure.apply(call);
			if (exception != null && this.calls.remove(correlationId, call)) {
				finish(call, null, exception);
			}
		});
	}

	private void expire(String correlationId, Call call) {
		if (this.calls.remove(correlationId, call)) {
			RpcTimeoutException.Phase phase = call.accepted ? RpcTimeoutException.Phase.RESPONSE
					: RpcTimeoutException.Phase.ACCEPT;
			finish(call, null,
					new RpcTimeoutException(
							"RPC '" + call.name + "' got no " + phase.name().toLowerCase() + " within its deadline",
							phase, false));
		}
	}

	void unexpected(String correlationId, String what) {
		this.unexpectedReplies.incrementAndGet();
		logger.debug("Ignored {} for unknown or completed call {}", what, correlationId);
	}

	private void finish(Call call, @Nullable Payload result, @Nullable Throwable failure) {
		ScheduledFuture<?> deadline = call.deadline;
		if (deadline != null) {
			deadline.cancel(false);
		}
		this.inFlight.decrementAndGet();
		this.completionExecutor.execute(() -> {
			if (failure != null) {
				call.future.completeExceptionally(failure);
			}
			else {
				call.future.complete(result);
			}
		});
	}

	/**
	 * One call in flight. {@code accepted} is written by the I/O thread and read by the
	 * scheduler; {@code deadline} is written once, right after registration.
	 */
	private static final class Call {

		final String name;

		final Session session;

		final CompletableFuture<Payload> future = new CompletableFuture<>();

		volatile boolean accepted;

		volatile @Nullable ScheduledFuture<?> deadline;

		Call(String name, Session session) {
			this.name = name;
			this.session = session;
		}

	}

}
