package dev.deepstreamrpc.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.google.protobuf.UnsafeByteOperations;
import dev.deepstreamrpc.client.connection.Connection;
import dev.deepstreamrpc.client.connection.ConnectionSettings;
import dev.deepstreamrpc.client.connection.ConnectionState;
import dev.deepstreamrpc.client.connection.ConnectionStateListener;
import dev.deepstreamrpc.client.connection.LoginRefusedException;
import dev.deepstreamrpc.client.connection.LoginRequest;
import dev.deepstreamrpc.client.connection.SendResult;
import dev.deepstreamrpc.client.connection.Session;
import dev.deepstreamrpc.client.connection.SessionHandler;
import dev.deepstreamrpc.wire.RpcAction;
import dev.deepstreamrpc.wire.proto.RpcMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client: routes RPC messages between the {@link Connection} and the two sides of
 * RPC, {@link PendingCalls} for calls made and {@link ProviderRegistry} for calls served.
 * <p>
 * Thread-safe. It owns a timer thread and, unless one was given or handlers run on the
 * I/O thread, the provider executor, and stops both on {@link #close()}.
 */
final class DefaultDeepstreamRpcClient implements DeepstreamRpcClient, SessionHandler {

	private static final Logger logger = LoggerFactory.getLogger(DefaultDeepstreamRpcClient.class);

	private static final String VERSION = "0.1.0";

	private final PayloadCodec codec;

	private final Duration defaultDeadline;

	private final ScheduledThreadPoolExecutor scheduler;

	private final @Nullable ExecutorService ownedProviderExecutor;

	private final Connection connection;

	private final PendingCalls calls;

	private final ProviderRegistry providers;

	private final RpcExceptionTranslator translator;

	private final @Nullable WaitingCalls waiting;

	private final NoProviderRetry noProviderRetry;

	private final CorrelationIds correlationIds = new CorrelationIds();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final AtomicLong sessionsOpened = new AtomicLong();

	DefaultDeepstreamRpcClient(DeepstreamRpcClientBuilder builder) {
		String id = Integer.toHexString(System.identityHashCode(this));
		this.codec = builder.payloadCodecOrDefault();
		this.defaultDeadline = builder.defaultDeadlineOrDerived();
		this.translator = new RpcExceptionTranslator(this.codec);
		this.scheduler = new ScheduledThreadPoolExecutor(1, threads("deepstream-rpc-timer-" + id));
		this.scheduler.setRemoveOnCancelPolicy(true);
		this.ownedProviderExecutor = (builder.providerExecutor != null || builder.handlersOnIoThread) ? null
				: providerPool(id, this.scheduler);
		Executor providerExecutor = (builder.providerExecutor != null) ? builder.providerExecutor
				: this.ownedProviderExecutor;
		Executor completionExecutor = (builder.completionExecutor != null) ? builder.completionExecutor : Runnable::run;
		this.calls = new PendingCalls(builder.maxInFlightCalls, this.scheduler, completionExecutor);
		this.connection = new Connection(settings(builder), builder.transportOrDefault(),
				() -> loginRequest(builder.authData), this.scheduler, this);
		this.noProviderRetry = new NoProviderRetry(builder.noProviderRetryWindow.toNanos(), this.scheduler);
		this.waiting = builder.waitForConnection ? new WaitingCalls(builder.maxInFlightCalls, this.scheduler) : null;
		if (this.waiting != null) {
			this.connection.addListener((previous, current, cause) -> {
				if (current == ConnectionState.AUTHENTICATION_FAILED) {
					this.scheduler.execute(() -> this.waiting.failAll((call) -> new RpcAuthenticationException(
							"The server refused the login while RPC '" + call.name + "' waited for a connection",
							cause)));
				}
			});
		}
		this.providers = new ProviderRegistry(this.connection::openSession, providerExecutor, this.scheduler,
				builder.provideAckTimeout, builder.serverAckTimeout.dividedBy(4),
				builder.serverResponseTimeout.plus(builder.deadlineMargin), this.codec);
	}

	private static ConnectionSettings settings(DeepstreamRpcClientBuilder builder) {
		return new ConnectionSettings(builder.uris, builder.connectTimeout, builder.pingInterval,
				builder.deadAfterOrDefault(), builder.reconnectBackoff, builder.loginRetryDelay, builder.maxMessageSize,
				VERSION);
	}

	private LoginRequest loginRequest(AuthDataSupplier supplier) {
		Map<String, ?> authData = supplier.get();
		Object username = authData.get("username");
		return new LoginRequest(this.codec.encode(authData), (username != null) ? username.toString() : null);
	}

	@Override
	public CompletableFuture<Void> connect() {
		if (this.closed.get()) {
			return CompletableFuture.failedFuture(new RpcClientClosedException("The client is closed"));
		}
		return this.connection.open()
			.exceptionallyCompose((failure) -> CompletableFuture.failedFuture(connectFailure(failure)));
	}

	private DeepstreamRpcException connectFailure(Throwable failure) {
		Throwable cause = failure;
		while (cause instanceof CompletionException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		if (cause instanceof LoginRefusedException) {
			return new RpcAuthenticationException(cause.getMessage(), cause);
		}
		RpcTlsException.Reason tls = RpcTlsException.reasonOf(cause);
		if (tls != null) {
			return new RpcTlsException("Could not connect securely to " + this.connection, tls, cause);
		}
		return new RpcNotConnectedException("Could not connect to " + this.connection + ": " + cause.getMessage(),
				cause);
	}

	@Override
	public CompletableFuture<Payload> make(String name) {
		return call(name, null, this.defaultDeadline);
	}

	@Override
	public CompletableFuture<Payload> make(String name, @Nullable Object data) {
		return make(name, data, this.defaultDeadline);
	}

	@Override
	public CompletableFuture<Payload> make(String name, @Nullable Object data, Duration deadline) {
		byte[] json;
		try {
			json = this.codec.encode(data);
		}
		catch (RpcSerializationException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return call(name, json, deadline);
	}

	private CompletableFuture<Payload> call(String name, byte @Nullable [] data, Duration deadline) {
		requireName(name);
		if (this.closed.get()) {
			return CompletableFuture.failedFuture(new RpcClientClosedException("The client is closed"));
		}
		Session session = this.connection.openSession();
		if (session != null) {
			return send(session, name, data, deadline.toMillis());
		}
		if (this.waiting == null) {
			return CompletableFuture.failedFuture(notConnected(name));
		}
		CompletableFuture<Payload> held = this.waiting.hold(name, data, deadline.toMillis());
		return (held != null) ? held : CompletableFuture.failedFuture(new RpcBackpressureException(
				"Too many calls waiting for a connection: RPC '" + name + "' was not sent"));
	}

	private DeepstreamRpcException notConnected(String name) {
		ConnectionState state = this.connection.state();
		if (state == ConnectionState.AUTHENTICATION_FAILED) {
			return new RpcAuthenticationException(
					"Not logged in, the server refused the login: RPC '" + name + "' was not sent",
					new IllegalStateException(state.name()));
		}
		return new RpcNotConnectedException("Not connected (" + state + "): RPC '" + name + "' was not sent");
	}

	private CompletableFuture<Payload> send(Session session, String name, byte @Nullable [] data, long deadlineMillis) {
		return this.noProviderRetry.apply(sendOnce(session, name, data, deadlineMillis), deadlineMillis,
				(remaining) -> call(name, data, Duration.ofMillis(remaining)));
	}

	private CompletableFuture<Payload> sendOnce(Session session, String name, byte @Nullable [] data,
			long deadlineMillis) {
		String correlationId = this.correlationIds.next();
		CompletableFuture<Payload> result = this.calls.register(correlationId, name, session, deadlineMillis);
		if (result == null) {
			return CompletableFuture.failedFuture(
					new RpcBackpressureException("Too many calls in flight: RPC '" + name + "' was not sent"));
		}
		SendResult sent = session.send(request(name, correlationId, data));
		if (sent == SendResult.TOO_LARGE) {
			this.calls.fail(correlationId, new RpcPayloadTooLargeException(
					"The request for RPC '" + name + "' exceeds the server's maximum message size"));
		}
		else if (sent == SendResult.NOT_OPEN) {
			this.calls.fail(correlationId,
					new RpcNotConnectedException("The connection closed before RPC '" + name + "' could be sent"));
		}
		return result;
	}

	private static RpcMessage request(String name, String correlationId, byte @Nullable [] data) {
		RpcMessage.Builder request = RpcMessage.newBuilder()
			.setAction(RpcAction.REQUEST.code())
			.setName(name)
			.setCorrelationId(correlationId);
		if (data != null) {
			request.setDataBytes(UnsafeByteOperations.unsafeWrap(data));
		}
		return request.build();
	}

	@Override
	public CompletableFuture<Void> provide(String name, RpcRequestHandler handler) {
		return provide(name, ProviderOptions.defaults(), handler);
	}

	@Override
	public CompletableFuture<Void> provide(String name, ProviderOptions options, RpcRequestHandler handler) {
		requireName(name);
		if (this.closed.get()) {
			throw new RpcClientClosedException("The client is closed");
		}
		return this.providers.provide(name, options, handler);
	}

	@Override
	public CompletableFuture<Void> unprovide(String name) {
		return this.providers.unprovide(name);
	}

	@Override
	public Map<String, ProviderState> providers() {
		return this.providers.states();
	}

	@Override
	public int servingRequests() {
		return this.providers.serving();
	}

	@Override
	public Map<String, ProviderStatistics> providerStatistics() {
		return this.providers.statistics();
	}

	@Override
	public boolean awaitRequestsServed(Duration timeout) throws InterruptedException {
		return this.providers.awaitServed(timeout);
	}

	@Override
	public ConnectionState state() {
		return this.connection.state();
	}

	@Override
	public void addConnectionStateListener(ConnectionStateListener listener) {
		this.connection.addListener(listener);
	}

	@Override
	public int inFlightCalls() {
		return this.calls.inFlight();
	}

	@Override
	public long unexpectedReplies() {
		return this.calls.unexpectedReplies();
	}

	@Override
	public long reconnects() {
		return Math.max(0, this.sessionsOpened.get() - 1);
	}

	@Override
	public void sessionOpened(Session session) {
		this.sessionsOpened.incrementAndGet();
		this.noProviderRetry.loggedIn();
		this.providers.sessionOpened(session);
		if (this.waiting != null) {
			this.waiting.release((name, data, deadline) -> send(session, name, data, deadline));
		}
	}

	@Override
	public void sessionClosed(Session session, Throwable cause) {
		this.providers.sessionClosed();
		this.calls.sessionClosed(session, cause);
	}

	@Override
	public void rpcMessage(Session session, RpcMessage message) {
		String correlationId = message.getCorrelationId();
		RpcAction action = RpcAction.of(message.getAction());
		switch (action) {
			case REQUEST -> this.providers.requested(session, message);
			case ACCEPT -> this.calls.accepted(correlationId);
			case RESPONSE -> this.calls.succeed(correlationId,
					Payload.of(message.hasData() ? message.getDataBytes().toByteArray() : null, this.codec));
			case REQUEST_ERROR, NO_RPC_PROVIDER, ACCEPT_TIMEOUT, RESPONSE_TIMEOUT ->
				this.calls.fail(correlationId, this.translator.translate(message));
			case MESSAGE_DENIED, MESSAGE_PERMISSION_ERROR -> denied(message);
			case INVALID_RPC_CORRELATION_ID, MULTIPLE_ACCEPT -> this.calls.unexpected(correlationId, action.name());
			case PROVIDE, UNPROVIDE -> {
				if (message.getIsAck()) {
					this.providers.acknowledged(message);
				}
			}
			default -> logger.debug("Ignored RPC action {} for RPC '{}'", action, message.getName());
		}
	}

	private void denied(RpcMessage message) {
		DeepstreamRpcException exception = this.translator.translate(message);
		if (message.getOriginalAction() == RpcAction.PROVIDE.code()) {
			this.providers.denied(message, (RpcPermissionDeniedException) exception);
		}
		else {
			this.calls.fail(message.getCorrelationId(), exception);
		}
	}

	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.calls.closed();
		if (this.waiting != null) {
			this.waiting.failAll((call) -> new RpcClientClosedException(
					"The client was closed while RPC '" + call.name + "' waited for a connection"));
		}
		this.providers.closed();
		this.connection.close();
		this.scheduler.shutdownNow();
		if (this.ownedProviderExecutor != null) {
			this.ownedProviderExecutor.shutdown();
		}
	}

	@Override
	public String toString() {
		return "DeepstreamRpcClient[" + this.connection + "]";
	}

	private static void requireName(String name) {
		if (name == null || name.isEmpty()) {
			throw new IllegalArgumentException("RPC name must not be null or empty");
		}
	}

	private static ExecutorService providerPool(String id, ScheduledExecutorService timer) {
		int threads = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
		ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
				new ProviderWorkQueue(1024, ProviderWorkQueue.DEFAULT_STALL, timer),
				threads("deepstream-rpc-provider-" + id));
		pool.allowCoreThreadTimeOut(true);
		return pool;
	}

	private static ThreadFactory threads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
