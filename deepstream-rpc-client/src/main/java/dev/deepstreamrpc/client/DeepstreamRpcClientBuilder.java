package dev.deepstreamrpc.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

import javax.net.ssl.SSLContext;

import dev.deepstreamrpc.client.connection.ReconnectBackoff;
import dev.deepstreamrpc.client.transport.JdkWebSocketTransport;
import dev.deepstreamrpc.client.transport.Transport;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link DeepstreamRpcClient}. Every setting has a default that suits a server
 * with deepstream's default configuration. Not thread-safe.
 * <p>
 * A client built with several URIs, such as the nodes of a deepstream cluster, connects
 * to the first and, whenever a connection fails or is lost, tries the next one in the
 * list at once, wrapping around; it stays with the node it last logged in to. The
 * {@linkplain #reconnectBackoff(ReconnectBackoff) backoff} delay applies after each full
 * round through the list, so a lost node is replaced straight away while a cluster that
 * is down entirely is not retried faster than a single server. With one URI every attempt
 * is a full round and each failed attempt is followed by the backoff delay.
 * {@link DeepstreamRpcClient#connect()} fails only when every URI of the first round
 * failed, or at once when a server refused the login.
 */
public final class DeepstreamRpcClientBuilder {

	/**
	 * The default maximum message size: just under the server's default of 1 MiB, so that
	 * the envelope always fits.
	 */
	public static final int DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024 - 512;

	final List<URI> uris;

	AuthDataSupplier authData = Map::of;

	Duration connectTimeout = Duration.ofSeconds(10);

	Duration pingInterval = Duration.ofSeconds(10);

	@Nullable Duration deadAfter;

	ReconnectBackoff reconnectBackoff = ReconnectBackoff.exponential(Duration.ofMillis(500), Duration.ofSeconds(30));

	Duration loginRetryDelay = Duration.ofSeconds(30);

	Duration serverAckTimeout = Duration.ofSeconds(1);

	Duration serverResponseTimeout = Duration.ofSeconds(10);

	Duration deadlineMargin = Duration.ofSeconds(1);

	@Nullable Duration defaultDeadline;

	Duration provideAckTimeout = Duration.ofSeconds(5);

	int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;

	int maxInFlightCalls = 10_000;

	boolean waitForConnection;

	Duration noProviderRetryWindow = Duration.ZERO;

	@Nullable Executor providerExecutor;

	boolean handlersOnIoThread;

	@Nullable Executor completionExecutor;

	@Nullable Transport transport;

	@Nullable SSLContext sslContext;

	@Nullable PayloadCodec payloadCodec;

	DeepstreamRpcClientBuilder(URI uri) {
		this(List.of(Objects.requireNonNull(uri, "uri must not be null")));
	}

	DeepstreamRpcClientBuilder(List<URI> uris) {
		Objects.requireNonNull(uris, "uris must not be null");
		if (uris.isEmpty()) {
			throw new IllegalArgumentException("uris must not be empty");
		}
		for (URI uri : uris) {
			Objects.requireNonNull(uri, "uris must not contain null");
		}
		this.uris = List.copyOf(uris);
	}

	/**
	 * Logs in with a fixed authentication data object, such as
	 * {@code Map.of("username", "u", "password", "p")}. The default is an empty object,
	 * which servers with open authentication accept.
	 * @param authData the authentication data
	 * @return this builder
	 */
	public DeepstreamRpcClientBuilder authData(Map<String, ?> authData) {
		Map<String, ?> copy = Map.copyOf(authData);
		this.authData = () -> copy;
		return this;
	}

	/**
	 * Logs in with authentication data obtained afresh for every login, so that tokens
	 * can be refreshed.
	 * @param supplier the supplier
	 * @return this builder
	 */
	public DeepstreamRpcClientBuilder authData(AuthDataSupplier supplier) {
		this.authData = Objects.requireNonNull(supplier, "supplier must not be null");
		return this;
	}

	/**
	 * How long opening the socket and logging in may take together. Default 10 seconds.
	 * @param connectTimeout the timeout
	 * @return this builder
	 */
	public DeepstreamRpcClientBuilder connectTimeout(Duration connectTimeout) {
		this.connectTimeout = positive(connectTimeout, "connectTimeout");
		return this;
	}

	/**
	 * How often to ping the server, which drops clients that send nothing for twice its
	 * heartbeat interval. Default 10 seconds, well inside the server's default of 30.
	 * @param pingInterval the interval
	 * @return this builder
	 */
	public DeepstreamRpcClientBuilder pingInterval(Duration pingInterval) {
		this.pingInterval = positive(pingInterval, "pingInterval");
		return this;
	}

	/**
	 * How long a connection may go without the server answering a ping before it is
	 * considered dead and aborted. Only PONGs count: when the way to the server is cut
	 * but the way back is not, responses and timeouts still arrive while nothing sent
	 * reaches the server. The window is checked ten times over, so a dead connection is
	 * aborted at most a tenth of it late. Default twice the ping interval.
	 * @param deadAfter the window
	 * @return this builder
	 */
	public DeepstreamRpcClientBuilder deadAfter(Duration deadAfter) {
		this.deadAfter = positive(deadAfter, "deadAfter");
		return this;
	}

	/**
	 * The delays between reconnection attempts, or between rounds through the list when
	 * the client has several URIs. Default exponential from 500 ms to 30 seconds with
	 * jitter.
	 * @param backoff the policy
	 * @return this builder
	 */
	public DeepstreamRpcClientBuilder reconnectBackoff(ReconnectBackoff backoff) {
		this.reconnectBackoff = Objects.requireNonNull(backoff, "backoff must not be null");
		return this;
	}

	/**
	 * How long to wait before logging in again after the server refused a login. Default
	 * 30 seconds.
	 * @param delay the delay
	 * @return this builder
	 */
	public DeepstreamRpcClientBuilder loginRetryDelay(Duration delay) {
		this.loginRetryDelay = positive(delay, "loginRetryDelay");
		return this;
	}

	/**
	 * The server's {@code rpc.ackTimeout} and {@code rpc.responseTimeout}, from which the
	 * default call deadline is derived. Default 1 and 10 seconds, the server's defaults.
	 * @param ackTimeout the server's ack timeout
	 * @param responseTimeout the server's response timeout
	 * @return this builder
	 */
	public DeepstreamRpcClientBuilder serverTimeouts(Duration ackTimeout, Duration responseTimeout) {
		this.serverAckTimeout = positive(ackTimeout, "ackTimeout");
		this.serverResponseTimeout = positive(responseTimeout, "responseTimeout");
		return this;
	}

	/**
	 * The deadline of calls made without one. Default the server's ack and response
	 * timeouts plus one second, so that the server's own timeout normally arrives first
	 * and the local deadline only fires when the connection is dead.
	 * @param deadline the deadline
	 * @return this builder
	 */
	public DeepstreamRpcClientBuilder defaultDeadline(Duration deadline) {
		this.defaultDeadline = positive(deadline, "deadline");
		return this;
	}

	/**
	 * How long to wait for the server to acknowledge a registration before sending it
	 * again. Default 5 seconds.
	 * @param timeout the timeout
	 * @return this builder
	 */
	public DeepstreamRpcClientBuilder provideAckTimeout(Duration timeout) {
		this.provideAckTimeout = positive(timeout, "provideAckTimeout");
		return this;
	}

	/**
	 * The largest message the server accepts: a larger one would make the server drop the
	 * connection, so such calls fail alone instead. Default just under 1 MiB.
	 * @param bytes the size in bytes
	 * @return this builder
	 */
	public DeepstreamRpcClientBuilder maxMessageSize(int bytes) {
		this.maxMessageSize = positive(bytes, "maxMessageSize");
		return this;
	}

	/**
	 * How many calls may be in flight at once; calls beyond fail at once with
	 * {@link RpcBackpressureException}. Default 10,000.
	 * @param calls the bound
	 * @return this builder
	 */
	public DeepstreamRpcClientBuilder maxInFlightCalls(int calls) {
		this.maxInFlightCalls = positive(calls, "maxInFlightCalls");
		return this;
	}

	/**
	 * Whether calls made while the client is not logged in wait for the next login,
	 * within their deadline, instead of failing at once with
	 * {@link RpcNotConnectedException}. At most {@link #maxInFlightCalls(int)} calls
	 * wait; calls beyond fail at once with {@link RpcBackpressureException}. Default off.
	 * @param waitForConnection whether calls wait for a connection
	 * @return this builder
	 */
	public DeepstreamRpcClientBuilder waitForConnection(boolean waitForConnection) {
		this.waitForConnection = waitForConnection;
		return this;
	}

	/**
	 * For how long after each login a call answered "no provider" is sent again, after a
	 * short pause, until it is served, the window closes or its deadline comes. Providers
	 * register again a little after a reconnect, so callers that log in first would
	 * otherwise see a burst of {@link RpcNoProviderException}. Retrying is safe: that
	 * answer means no provider ran the request. Default off.
	 * @param window the window after each login, or zero for none
	 * @return this builder
	 */
	public DeepstreamRpcClientBuilder noProviderRetryWindow(Duration window) {
		Objects.requireNonNull(window, "window must not be null");
		if (window.isNegative()) {
			throw new IllegalArgumentException("window must not be negative");
		}
		this.noProviderRetryWindow = window;
		return this;
	}

	/**
	 * Where request handlers run. A request the executor refuses is rejected so that the
	 * server re-routes it. Default a bounded pool owned by the client, of twice as many
	 * threads as processors (at least four) and a {@link ProviderWorkQueue} of 1024; an
	 * executor given here, such as one of virtual threads, is not shut down by the
	 * client. A {@code ThreadPoolExecutor} given here serves small requests fastest with
	 * a {@link ProviderWorkQueue} too.
	 * @param executor the executor
	 * @return this builder
	 */
	public DeepstreamRpcClientBuilder providerExecutor(Executor executor) {
		this.providerExecutor = Objects.requireNonNull(executor, "executor must not be null");
		this.handlersOnIoThread = false;
		return this;
	}

	/**
	 * Runs request handlers on the connection's I/O thread, as the JS client runs them on
	 * its event loop, instead of on the provider executor. It saves a thread hand-off per
	 * request, which cost more CPU than the rest of serving a small request, but suits
	 * only handlers that never block: while one runs, nothing else is received on the
	 * connection, so a blocking call through this client from a handler cannot be
	 * answered and ends at its deadline. Replaces any
	 * {@link #providerExecutor(Executor)}.
	 * @return this builder
	 */
	public DeepstreamRpcClientBuilder providerHandlersOnIoThread() {
		this.providerExecutor = null;
		this.handlersOnIoThread = true;
		return this;
	}

	/**
	 * Where call futures are completed. Default the client's own I/O or timer thread,
	 * which is fastest but must never be blocked by a dependent stage.
	 * @param executor the executor
	 * @return this builder
	 */
	public DeepstreamRpcClientBuilder completionExecutor(Executor executor) {
		this.completionExecutor = Objects.requireNonNull(executor, "executor must not be null");
		return this;
	}

	/**
	 * The WebSocket implementation. Default {@link JdkWebSocketTransport}.
	 * @param transport the transport
	 * @return this builder
	 */
	public DeepstreamRpcClientBuilder transport(Transport transport) {
		this.transport = Objects.requireNonNull(transport, "transport must not be null");
		return this;
	}

	/**
	 * The TLS settings for {@code wss://} URLs, such as a context that trusts a private
	 * certificate authority. Host names are always verified. Default the JVM's trust
	 * store. Ignored when a {@link #transport(Transport)} is set, which brings its own.
	 * @param sslContext the context
	 * @return this builder
	 */
	public DeepstreamRpcClientBuilder sslContext(SSLContext sslContext) {
		this.sslContext = Objects.requireNonNull(sslContext, "sslContext must not be null");
		return this;
	}

	/**
	 * The JSON conversion of payloads. Default {@link JacksonPayloadCodec}.
	 * @param codec the codec
	 * @return this builder
	 */
	public DeepstreamRpcClientBuilder payloadCodec(PayloadCodec codec) {
		this.payloadCodec = Objects.requireNonNull(codec, "codec must not be null");
		return this;
	}

	public DeepstreamRpcClient build() {
		return new DefaultDeepstreamRpcClient(this);
	}

	Duration deadAfterOrDefault() {
		return (this.deadAfter != null) ? this.deadAfter : this.pingInterval.multipliedBy(2);
	}

	Duration defaultDeadlineOrDerived() {
		return (this.defaultDeadline != null) ? this.defaultDeadline
				: this.serverAckTimeout.plus(this.serverResponseTimeout).plus(this.deadlineMargin);
	}

	Transport transportOrDefault() {
		if (this.transport != null) {
			return this.transport;
		}
		if (this.sslContext != null) {
			return new JdkWebSocketTransport(
					JdkWebSocketTransport.httpClientBuilder().sslContext(this.sslContext).build(),
					JdkWebSocketTransport.DEFAULT_MAX_QUEUED_BYTES);
		}
		return new JdkWebSocketTransport();
	}

	PayloadCodec payloadCodecOrDefault() {
		return (this.payloadCodec != null) ? this.payloadCodec : new JacksonPayloadCodec();
	}

	private static Duration positive(Duration duration, String name) {
		Objects.requireNonNull(duration, name + " must not be null");
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive");
		}
		return duration;
	}

	private static int positive(int value, String name) {
		if (value <= 0) {
			throw new IllegalArgumentException(name + " must be positive");
		}
		return value;
	}

}
