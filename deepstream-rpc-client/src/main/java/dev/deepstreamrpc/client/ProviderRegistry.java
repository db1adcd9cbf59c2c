package dev.deepstreamrpc.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.deepstreamrpc.client.connection.SendResult;
import dev.deepstreamrpc.client.connection.Session;
import dev.deepstreamrpc.wire.RpcAction;
import dev.deepstreamrpc.wire.proto.RpcMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RPCs this client provides. Each name is registered with its own PROVIDE message,
 * because the server mishandles a denial within a multi-name PROVIDE, and each PROVIDE is
 * sent again until the server acknowledges it. Every name is registered again on every
 * new session.
 * <p>
 * Thread-safe. {@code providers} holds at most one entry per name; {@code awaitingAck}
 * and {@code unprovides} hold one entry per message the server has yet to acknowledge;
 * {@code serving} counts requests received and not yet answered, across all providers,
 * including ones unprovided since, and {@code idle} is notified when it drops to zero.
 * {@code statistics} holds one entry per name ever provided, kept after unproviding so
 * that counts survive a stop and start: it is bounded by the names the application
 * provides.
 */
final class ProviderRegistry {

	private static final Logger logger = LoggerFactory.getLogger(ProviderRegistry.class);

	private final Map<String, Provider> providers = new ConcurrentHashMap<>();

	private final Map<String, Provider> awaitingAck = new ConcurrentHashMap<>();

	private final Map<String, CompletableFuture<Void>> unprovides = new ConcurrentHashMap<>();

	private final Map<String, ProviderStatistics> statistics = new ConcurrentHashMap<>();

	private final AtomicLong messageIds = new AtomicLong();

	private final AtomicInteger serving = new AtomicInteger();

	private final Object idle = new Object();

	private final Supplier<@Nullable Session> openSession;

	private final @Nullable Executor executor;

	private final ScheduledExecutorService scheduler;

	private final Duration ackTimeout;

	private final long lateAckAfterNanos;

	private final long expireAfterNanos;

	private final DeadlineQueue<ProviderInvocation> lateAcknowledgements;

	private final DeadlineQueue<ProviderInvocation> expiries;

	private final PayloadCodec codec;

	/**
	 * Creates a registry.
	 * @param openSession the logged-in session, if any
	 * @param executor where handlers run, or {@code null} to run them on the I/O thread
	 * @param scheduler the client's timer
	 * @param ackTimeout how long to wait for the server to acknowledge a registration
	 * @param lateAckAfter when a request handed to the executor and not answered yet is
	 * acknowledged: well within the server's ack timeout
	 * @param expireAfter when an unanswered request expires: once the server has stopped
	 * waiting for its answer
	 * @param codec converts payloads
	 */
	ProviderRegistry(Supplier<@Nullable Session> openSession, @Nullable Executor executor,
			ScheduledExecutorService scheduler, Duration ackTimeout, Duration lateAckAfter, Duration expireAfter,
			PayloadCodec codec) {
		this.openSession = openSession;
		this.executor = executor;
		this.scheduler = scheduler;
		this.ackTimeout = ackTimeout;
		this.lateAckAfterNanos = lateAckAfter.toNanos();
		this.expireAfterNanos = expireAfter.toNanos();
		this.lateAcknowledgements = new DeadlineQueue<>(scheduler, this::acknowledgeLate);
		this.expiries = new DeadlineQueue<>(scheduler, ProviderInvocation::expire);
		this.codec = codec;
	}

	CompletableFuture<Void> provide(String name, ProviderOptions options, RpcRequestHandler handler) {
		Provider provider = new Provider(name, handler, options);
		if (this.providers.putIfAbsent(name, provider) != null) {
			throw new IllegalStateException("RPC '" + name + "' is already provided by this client");
		}
		this.statistics.computeIfAbsent(name, ProviderStatistics::new);
		Session session = this.openSession.get();
		if (session != null) {
			register(session, provider);
		}
		return provider.firstRegistration.copy();
	}

	CompletableFuture<Void> unprovide(String name) {
		Provider provider = this.providers.remove(name);
		if (provider == null) {
			return CompletableFuture.completedFuture(null);
		}
		provider.cancelRetry();
		provider.firstRegistration
			.completeExceptionally(new IllegalStateException("RPC '" + name + "' was unprovided"));
		Session session = this.openSession.get();
		if (session == null) {
			return CompletableFuture.completedFuture(null);
		}
		String id = nextId("unprovide-");
		CompletableFuture<Void> acknowledged = new CompletableFuture<>();
		this.unprovides.put(id, acknowledged);
		if (session.send(message(RpcAction.UNPROVIDE, name, id)) != SendResult.SENT) {
			this.unprovides.remove(id);
			acknowledged.complete(null);
		}
		return acknowledged;
	}

	Map<String, ProviderState> states() {
		Map<String, ProviderState> states = new LinkedHashMap<>();
		this.providers.forEach((name, provider) -> states.put(name, provider.state));
		return states;
	}

	Map<String, ProviderStatistics> statistics() {
		return Map.copyOf(this.statistics);
	}

	void sessionOpened(Session session) {
		this.providers.values().forEach((provider) -> register(session, provider));
	}

	void sessionClosed() {
		this.awaitingAck.clear();
		this.providers.values().forEach((provider) -> {
			provider.cancelRetry();
			provider.state = ProviderState.PENDING;
		});
		this.unprovides.values().forEach((acknowledged) -> acknowledged.complete(null));
		this.unprovides.clear();
	}

	void closed() {
		sessionClosed();
		this.providers.values()
			.forEach((provider) -> provider.firstRegistration
				.completeExceptionally(new RpcClientClosedException("The client was closed")));
	}

	void acknowledged(RpcMessage ack) {
		String id = ack.getCorrelationId();
		Provider provider = this.awaitingAck.remove(id);
		if (provider != null) {
			provider.cancelRetry();
			provider.state = ProviderState.REGISTERED;
			provider.firstRegistration.complete(null);
			return;
		}
		CompletableFuture<Void> unprovided = this.unprovides.remove(id);
		if (unprovided != null) {
			unprovided.complete(null);
		}
	}

	void denied(RpcMessage denial, RpcPermissionDeniedException exception) {
		Provider provider = this.awaitingAck.remove(denial.getCorrelationId());
		if (provider == null) {
			return;
		}
		provider.cancelRetry();
		provider.state = ProviderState.DENIED;
		logger.error("The server denied permission to provide RPC '{}'", provider.name);
		provider.firstRegistration.completeExceptionally(exception);
	}

	/**
	 * Accepts a request for service, on the I/O thread: rejects it at once when the name
	 * is not provided, the provider is at its concurrency limit or the executor is full,
	 * so that the server re-routes it instead of letting it time out.
	 * @param session the session the request arrived on
	 * @param request the request
	 */
	void requested(Session session, RpcMessage request) {
		Provider provider = this.providers.get(request.getName());
		if (provider == null) {
			session.send(message(RpcAction.REJECT, request.getName(), request.getCorrelationId()));
			return;
		}
		ProviderStatistics statistics = this.statistics.computeIfAbsent(provider.name, ProviderStatistics::new);
		if (!provider.tryStart()) {
			statistics.rejectedAtConcurrencyLimit();
			session.send(message(RpcAction.REJECT, request.getName(), request.getCorrelationId()));
			return;
		}
		this.serving.incrementAndGet();
		statistics.started();
		ProviderInvocation invocation = new ProviderInvocation(provider, toRequest(request), session,
				request.getCorrelationId(), this.codec, (outcome) -> finished(provider, statistics, outcome));
		if (this.executor == null) {
			invocation.run();
			if (!invocation.response().isCompleted()) {
				watchExpiry(invocation);
			}
			return;
		}
		try {
			this.executor.execute(invocation);
		}
		catch (RejectedExecutionException ex) {
			invocation.response().reject();
			return;
		}
		if (provider.options.autoAck()) {
			invocation.watch(this.lateAcknowledgements, this.lateAckAfterNanos);
		}
		else {
			watchExpiry(invocation);
		}
	}

	/**
	 * Acknowledges a request handed to the executor and not answered yet, well within the
	 * server's ack timeout, then watches it for expiry.
	 * @param invocation the request
	 */
	private void acknowledgeLate(ProviderInvocation invocation) {
		invocation.response().ack();
		watchExpiry(invocation);
	}

	private void watchExpiry(ProviderInvocation invocation) {
		invocation.watch(this.expiries, this.expireAfterNanos);
	}

	int serving() {
		return this.serving.get();
	}

	boolean awaitServed(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.idle) {
			while (this.serving.get() > 0) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				TimeUnit.NANOSECONDS.timedWait(this.idle, left);
			}
		}
		return true;
	}

	private void finished(Provider provider, ProviderStatistics statistics, ProviderOutcome outcome) {
		provider.finished();
		statistics.finished(outcome);
		if (this.serving.decrementAndGet() == 0) {
			synchronized (this.idle) {
				this.idle.notifyAll();
			}
		}
	}

	private RpcRequest toRequest(RpcMessage message) {
		return new RpcRequest(message.getName(), Payload.of(bytesOf(message.hasData(), message), this.codec),
				message.hasRequestorName() ? message.getRequestorName() : null,
				message.hasRequestorData() ? message.getRequestorDataBytes().toByteArray() : null, this.codec);
	}

	private static byte @Nullable [] bytesOf(boolean present, RpcMessage message) {
		return present ? message.getDataBytes().toByteArray() : null;
	}

	private void register(Session session, Provider provider) {
		String id = nextId("provide-");
		synchronized (provider) {
			String previous = provider.provideId;
			if (previous != null) {
				this.awaitingAck.remove(previous);
			}
			provider.provideId = id;
			this.awaitingAck.put(id, provider);
			provider.retry = this.scheduler.schedule(() -> retry(session, provider, id), this.ackTimeout.toMillis(),
					TimeUnit.MILLISECONDS);
		}
		session.send(message(RpcAction.PROVIDE, provider.name, id));
	}

	private void retry(Session session, Provider provider, String id) {
		if (session.isOpen() && this.awaitingAck.containsKey(id) && this.providers.get(provider.name) == provider) {
			logger.debug("No acknowledgement for providing RPC '{}'; sending it again", provider.name);
			register(session, provider);
		}
	}

	private String nextId(String prefix) {
		return prefix + this.messageIds.incrementAndGet();
	}

	private static RpcMessage message(RpcAction action, String name, String correlationId) {
		RpcMessage.Builder message = RpcMessage.newBuilder().setAction(action.code()).setCorrelationId(correlationId);
		if (action == RpcAction.PROVIDE || action == RpcAction.UNPROVIDE) {
			message.addNames(name);
		}
		else {
			message.setName(name);
		}
		return message.build();
	}

}
