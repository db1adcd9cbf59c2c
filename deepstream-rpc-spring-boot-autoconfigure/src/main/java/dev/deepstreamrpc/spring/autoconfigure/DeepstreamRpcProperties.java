package dev.deepstreamrpc.spring.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for deepstream RPC.
 */
@ConfigurationProperties("deepstream.rpc")
public class DeepstreamRpcProperties {

	/**
	 * Whether to enable deepstream RPC.
	 */
	private boolean enabled = true;

	/**
	 * WebSocket URL of the deepstream server's binary endpoint, such as
	 * ws://localhost:6020/deepstream.
	 */
	private @Nullable URI url;

	/**
	 * WebSocket URLs of the nodes of a deepstream cluster, tried in order, moving to the
	 * next whenever a connection fails or is lost; takes precedence over url.
	 */
	private List<URI> urls = new ArrayList<>();

	/**
	 * Whether startup fails when the first connection and login do not succeed within the
	 * connect timeout; otherwise the application starts and keeps retrying.
	 */
	private boolean failFast = true;

	/**
	 * How long opening the connection and logging in may take together.
	 */
	private Duration connectTimeout = Duration.ofSeconds(10);

	/**
	 * Largest message the server accepts; a request that would exceed it fails alone
	 * instead of making the server drop the connection.
	 */
	private DataSize maxMessageSize = DataSize.ofBytes(1024 * 1024 - 512);

	/**
	 * Maximum number of calls in flight at once; calls beyond it fail at once.
	 */
	private int maxInFlightCalls = 10_000;

	/**
	 * WebSocket implementation: jdk, the JDK's own, or netty, which sends the messages
	 * that leave together in one write for less CPU time per call under load and needs
	 * io.netty:netty-codec-http on the class path. A Transport or WebSocketClient bean
	 * takes precedence over jdk.
	 */
	private WebSocketTransport transport = WebSocketTransport.JDK;

	private final Authentication authentication = new Authentication();

	private final Heartbeat heartbeat = new Heartbeat();

	private final Reconnect reconnect = new Reconnect();

	private final Server server = new Server();

	private final Template template = new Template();

	private final Provider provider = new Provider();

	private final Embedded embedded = new Embedded();

	private final Ssl ssl = new Ssl();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable URI getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable URI url) {
		this.url = url;
	}

	public List<URI> getUrls() {
		return this.urls;
	}

	public void setUrls(List<URI> urls) {
		this.urls = urls;
	}

	public boolean isFailFast() {
		return this.failFast;
	}

	public void setFailFast(boolean failFast) {
		this.failFast = failFast;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	public void setMaxMessageSize(DataSize maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	public int getMaxInFlightCalls() {
		return this.maxInFlightCalls;
	}

	public void setMaxInFlightCalls(int maxInFlightCalls) {
		this.maxInFlightCalls = maxInFlightCalls;
	}

	public Authentication getAuthentication() {
		return this.authentication;
	}

	public Heartbeat getHeartbeat() {
		return this.heartbeat;
	}

	public Reconnect getReconnect() {
		return this.reconnect;
	}

	public Server getServer() {
		return this.server;
	}

	public Template getTemplate() {
		return this.template;
	}

	public Provider getProvider() {
		return this.provider;
	}

	public Embedded getEmbedded() {
		return this.embedded;
	}

	public WebSocketTransport getTransport() {
		return this.transport;
	}

	public void setTransport(WebSocketTransport transport) {
		this.transport = transport;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	/**
	 * The WebSocket implementations the client can connect with.
	 */
	public enum WebSocketTransport {

		/**
		 * The JDK's {@code java.net.http.WebSocket}, which needs no library.
		 */
		JDK,

		/**
		 * Netty, through {@code NettyWebSocketTransport}.
		 */
		NETTY

	}

	/**
	 * TLS for wss:// URLs. Host names are always verified, and a TLS failure never falls
	 * back to an unencrypted connection.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) that holds the trust material, for
		 * example a private certificate authority; the client then connects with the
		 * transport that deepstream.rpc.transport names. Default the JVM's trust store.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * The embedded development server, started when deepstream.rpc.url is not set and
	 * deepstream-rpc-embedded is on the classpath.
	 */
	public static class Embedded {

		/**
		 * Port of the embedded development server; 0 for a free port.
		 */
		private int port = 6020;

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

	}

	/**
	 * How the client logs in.
	 */
	public static class Authentication {

		/**
		 * Login user name, sent as "username" in the authentication data.
		 */
		private @Nullable String username;

		/**
		 * Login password, sent as "password" in the authentication data.
		 */
		private @Nullable String password;

		/**
		 * Further entries of the authentication data object, such as a token.
		 */
		private Map<String, String> data = new LinkedHashMap<>();

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public Map<String, String> getData() {
			return this.data;
		}

		public void setData(Map<String, String> data) {
			this.data = data;
		}

	}

	/**
	 * How the client keeps the connection alive and notices when it is dead.
	 */
	public static class Heartbeat {

		/**
		 * How often to ping the server, whatever else is sent; well inside the server's
		 * heartbeatInterval.
		 */
		private Duration pingInterval = Duration.ofSeconds(10);

		/**
		 * How long the connection may go without the server answering a ping before it is
		 * aborted and re-opened. Default twice the ping interval.
		 */
		private @Nullable Duration deadAfter;

		public Duration getPingInterval() {
			return this.pingInterval;
		}

		public void setPingInterval(Duration pingInterval) {
			this.pingInterval = pingInterval;
		}

		public @Nullable Duration getDeadAfter() {
			return this.deadAfter;
		}

		public void setDeadAfter(@Nullable Duration deadAfter) {
			this.deadAfter = deadAfter;
		}

	}

	/**
	 * How the client reconnects; it never gives up.
	 */
	public static class Reconnect {

		/**
		 * Delay before the first reconnection attempt; it doubles with each failed
		 * attempt, with jitter.
		 */
		private Duration initialDelay = Duration.ofMillis(500);

		/**
		 * Longest delay between reconnection attempts.
		 */
		private Duration maxDelay = Duration.ofSeconds(30);

		/**
		 * Delay before logging in again after the server refused a login.
		 */
		private Duration loginRetryDelay = Duration.ofSeconds(30);

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public Duration getLoginRetryDelay() {
			return this.loginRetryDelay;
		}

		public void setLoginRetryDelay(Duration loginRetryDelay) {
			this.loginRetryDelay = loginRetryDelay;
		}

	}

	/**
	 * The server's RPC timeouts, from which the default call deadline is derived; set
	 * them to the server's rpc.ackTimeout and rpc.responseTimeout.
	 */
	public static class Server {

		/**
		 * The server's rpc.ackTimeout: how long a provider may take to acknowledge a
		 * request.
		 */
		private Duration ackTimeout = Duration.ofSeconds(1);

		/**
		 * The server's rpc.responseTimeout: how long a provider may take to answer a
		 * request.
		 */
		private Duration responseTimeout = Duration.ofSeconds(10);

		public Duration getAckTimeout() {
			return this.ackTimeout;
		}

		public void setAckTimeout(Duration ackTimeout) {
			this.ackTimeout = ackTimeout;
		}

		public Duration getResponseTimeout() {
			return this.responseTimeout;
		}

		public void setResponseTimeout(Duration responseTimeout) {
			this.responseTimeout = responseTimeout;
		}

	}

	/**
	 * How calls are made.
	 */
	public static class Template {

		/**
		 * Deadline of calls made without one. Default the server's ack and response
		 * timeouts plus one second.
		 */
		private @Nullable Duration deadline;

		public @Nullable Duration getDeadline() {
			return this.deadline;
		}

		public void setDeadline(@Nullable Duration deadline) {
			this.deadline = deadline;
		}

	}

	/**
	 * How @RpcProvider methods are served.
	 */
	public static class Provider {

		/**
		 * How long shutdown waits for requests already received to be answered.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(10);

		/**
		 * How long to wait for the server to acknowledge a registration before sending it
		 * again.
		 */
		private Duration registrationTimeout = Duration.ofSeconds(5);

		/**
		 * Whether handlers run on the connection's I/O thread instead of the provider
		 * executor, as the JS client runs them on its event loop. Saves a thread hand-off
		 * per request; only for handlers that never block, since nothing else is received
		 * on the connection while one runs (a blocking RpcTemplate call from such a
		 * handler cannot be answered and ends at its deadline).
		 */
		private boolean runOnIoThread;

		private final Executor executor = new Executor();

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

		public boolean isRunOnIoThread() {
			return this.runOnIoThread;
		}

		public void setRunOnIoThread(boolean runOnIoThread) {
			this.runOnIoThread = runOnIoThread;
		}

		public Duration getRegistrationTimeout() {
			return this.registrationTimeout;
		}

		public void setRegistrationTimeout(Duration registrationTimeout) {
			this.registrationTimeout = registrationTimeout;
		}

		public Executor getExecutor() {
			return this.executor;
		}

		/**
		 * The bounded executor provider methods run on; a request it cannot take is
		 * rejected so that the server re-routes it.
		 */
		public static class Executor {

			/**
			 * Number of threads serving requests; with virtual threads, the number of
			 * requests served at once.
			 */
			private int threads = 16;

			/**
			 * Number of requests that may wait for a thread; not used with virtual
			 * threads.
			 */
			private int queueCapacity = 1000;

			public int getThreads() {
				return this.threads;
			}

			public void setThreads(int threads) {
				this.threads = threads;
			}

			public int getQueueCapacity() {
				return this.queueCapacity;
			}

			public void setQueueCapacity(int queueCapacity) {
				this.queueCapacity = queueCapacity;
			}

		}

	}

}
