package dev.deepstreamrpc.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Collects the server configuration; unset values are deepstream's defaults except the
 * log level, which is {@link DeepstreamServer.LogLevel#WARN}.
 * <p>
 * Not thread-safe; build on one thread.
 */
public final class DeepstreamServerBuilder {

	private Duration ackTimeout = Duration.ofMillis(1000);

	private Duration responseTimeout = Duration.ofMillis(10000);

	private Duration heartbeatInterval = Duration.ofMillis(30000);

	private int maxMessageSize = 1048576;

	private Duration unauthenticatedClientTimeout = Duration.ofMillis(180000);

	private int maxAuthAttempts = 3;

	private boolean provideRequestorName;

	private boolean provideRequestorData;

	private final List<DeepstreamUser> users = new ArrayList<>();

	private @Nullable String permissionsYaml;

	private final Map<String, RpcRule> rpcRules = new LinkedHashMap<>();

	private DeepstreamServer.LogLevel logLevel = DeepstreamServer.LogLevel.WARN;

	private int port;

	private Duration startupTimeout = Duration.ofSeconds(20);

	private @Nullable DeepstreamInstallation installation;

	private @Nullable TestCertificate tls;

	private ServerSettings.@Nullable Cluster cluster;

	DeepstreamServerBuilder() {
	}

	/**
	 * Sets {@code rpc.ackTimeout}: how long a provider may take to accept a request.
	 * @param ackTimeout the timeout (default 1 s)
	 * @return this builder
	 */
	public DeepstreamServerBuilder ackTimeout(Duration ackTimeout) {
		this.ackTimeout = positive(ackTimeout, "ackTimeout");
		return this;
	}

	/**
	 * Sets {@code rpc.responseTimeout}: how long a provider may take to answer, counted
	 * from the moment the server hands it the request.
	 * @param responseTimeout the timeout (default 10 s)
	 * @return this builder
	 */
	public DeepstreamServerBuilder responseTimeout(Duration responseTimeout) {
		this.responseTimeout = positive(responseTimeout, "responseTimeout");
		return this;
	}

	/**
	 * Sets the binary endpoint's {@code heartbeatInterval}; the server drops a connection
	 * that sent nothing for two to three intervals.
	 * @param heartbeatInterval the interval (default 30 s)
	 * @return this builder
	 */
	public DeepstreamServerBuilder heartbeatInterval(Duration heartbeatInterval) {
		this.heartbeatInterval = positive(heartbeatInterval, "heartbeatInterval");
		return this;
	}

	/**
	 * Sets the largest WebSocket message the server accepts (also the HTTP body limit);
	 * larger ones close the connection with code 1009.
	 * @param maxMessageSize the size in bytes (default 1048576)
	 * @return this builder
	 */
	public DeepstreamServerBuilder maxMessageSize(int maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
		return this;
	}

	/**
	 * Sets how long a connection may stay open before its first login attempt completes.
	 * @param unauthenticatedClientTimeout the timeout (default 180 s)
	 * @return this builder
	 */
	public DeepstreamServerBuilder unauthenticatedClientTimeout(Duration unauthenticatedClientTimeout) {
		this.unauthenticatedClientTimeout = positive(unauthenticatedClientTimeout, "unauthenticatedClientTimeout");
		return this;
	}

	/**
	 * Sets how many failed logins close the connection.
	 * @param maxAuthAttempts the number of attempts (default 3)
	 * @return this builder
	 */
	public DeepstreamServerBuilder maxAuthAttempts(int maxAuthAttempts) {
		this.maxAuthAttempts = maxAuthAttempts;
		return this;
	}

	/**
	 * Sets {@code rpc.provideRequestorName}: whether providers receive the requestor's
	 * user id.
	 * @param provideRequestorName whether to send it (default {@code false})
	 * @return this builder
	 */
	public DeepstreamServerBuilder provideRequestorName(boolean provideRequestorName) {
		this.provideRequestorName = provideRequestorName;
		return this;
	}

	/**
	 * Sets {@code rpc.provideRequestorData}: whether providers receive the requestor's
	 * client data.
	 * @param provideRequestorData whether to send it (default {@code false})
	 * @return this builder
	 */
	public DeepstreamServerBuilder provideRequestorData(boolean provideRequestorData) {
		this.provideRequestorData = provideRequestorData;
		return this;
	}

	/**
	 * Adds a user and switches from open to file authentication.
	 * @param user the user
	 * @return this builder
	 */
	public DeepstreamServerBuilder user(DeepstreamUser user) {
		this.users.add(Objects.requireNonNull(user, "user"));
		return this;
	}

	/**
	 * Adds a user without client or server data and switches to file authentication.
	 * @param username the name to log in with
	 * @param password the clear-text password
	 * @return this builder
	 */
	public DeepstreamServerBuilder user(String username, String password) {
		return user(DeepstreamUser.of(username, password));
	}

	/**
	 * Sets a complete {@code permissions.yml} in deepstream's format. Sections it leaves
	 * out allow everything; an {@code rpc} section must contain a {@code "*"} rule, as
	 * deepstream requires.
	 * @param yaml the file content
	 * @return this builder
	 */
	public DeepstreamServerBuilder permissionsYaml(String yaml) {
		this.permissionsYaml = Objects.requireNonNull(yaml, "yaml");
		return this;
	}

	/**
	 * Adds an RPC permission rule. Without {@link #permissionsYaml(String)} all other
	 * names match an allow-all {@code "*"} rule unless one is added for {@code "*"}.
	 * @param namePattern the name pattern, e.g. {@code "orders/*"} or {@code "users/$id"}
	 * @param provide whether providing is allowed
	 * @param request whether requesting is allowed
	 * @return this builder
	 */
	public DeepstreamServerBuilder rpcPermission(String namePattern, boolean provide, boolean request) {
		this.rpcRules.put(Objects.requireNonNull(namePattern, "namePattern"), new RpcRule(provide, request));
		return this;
	}

	/**
	 * Adds an RPC permission rule with rule expressions such as
	 * {@code "user.id === 'admin'"} or {@code "data.amount < 100"}.
	 * @param namePattern the name pattern
	 * @param provideRule the provide rule expression
	 * @param requestRule the request rule expression
	 * @return this builder
	 * @see #rpcPermission(String, boolean, boolean)
	 */
	public DeepstreamServerBuilder rpcPermission(String namePattern, String provideRule, String requestRule) {
		this.rpcRules.put(Objects.requireNonNull(namePattern, "namePattern"),
				new RpcRule(Objects.requireNonNull(provideRule), Objects.requireNonNull(requestRule)));
		return this;
	}

	/**
	 * Sets the server's log level.
	 * @param logLevel the level (default {@link DeepstreamServer.LogLevel#WARN})
	 * @return this builder
	 */
	public DeepstreamServerBuilder logLevel(DeepstreamServer.LogLevel logLevel) {
		this.logLevel = Objects.requireNonNull(logLevel, "logLevel");
		return this;
	}

	/**
	 * Sets a fixed port instead of a free one.
	 * @param port the port, or {@code 0} for a free one (the default)
	 * @return this builder
	 */
	public DeepstreamServerBuilder port(int port) {
		this.port = port;
		return this;
	}

	/**
	 * Sets how long {@link DeepstreamServer#start()} waits for the health check.
	 * @param startupTimeout the timeout (default 20 s)
	 * @return this builder
	 */
	public DeepstreamServerBuilder startupTimeout(Duration startupTimeout) {
		this.startupTimeout = positive(startupTimeout, "startupTimeout");
		return this;
	}

	/**
	 * Sets the installation to run; by default {@link DeepstreamInstallation#install()}
	 * is called on the first start.
	 * @param installation the installation
	 * @return this builder
	 */
	public DeepstreamServerBuilder installation(DeepstreamInstallation installation) {
		this.installation = Objects.requireNonNull(installation, "installation");
		return this;
	}

	/**
	 * Serves {@code wss://} with the given certificate instead of {@code ws://}.
	 * @param certificate the server's certificate and key
	 * @return this builder
	 */
	public DeepstreamServerBuilder tls(TestCertificate certificate) {
		this.tls = Objects.requireNonNull(certificate, "certificate");
		return this;
	}

	/**
	 * Joins a cluster of deepstream nodes that exchange messages and provider
	 * registrations through Redis ({@code @deepstream/clusternode-redis}). A killed node
	 * counts as gone for the others after three seconds.
	 * @param serverName this node's name, unique in the cluster
	 * @param redisHost the Redis host
	 * @param redisPort the Redis port
	 * @return this builder
	 */
	public DeepstreamServerBuilder cluster(String serverName, String redisHost, int redisPort) {
		this.cluster = new ServerSettings.Cluster(Objects.requireNonNull(serverName, "serverName"),
				Objects.requireNonNull(redisHost, "redisHost"), redisPort);
		return this;
	}

	/**
	 * Joins a cluster through a running {@link RedisServer}.
	 * @param serverName this node's name, unique in the cluster
	 * @param redis the Redis server
	 * @return this builder
	 * @see #cluster(String, String, int)
	 */
	public DeepstreamServerBuilder cluster(String serverName, RedisServer redis) {
		return cluster(serverName, redis.host(), redis.port());
	}

	/**
	 * Creates the server without starting it.
	 * @return the server
	 */
	public DeepstreamServer build() {
		return new DeepstreamServer(settings());
	}

	ServerSettings settings() {
		return new ServerSettings(this.ackTimeout, this.responseTimeout, this.heartbeatInterval, this.maxMessageSize,
				this.unauthenticatedClientTimeout, this.maxAuthAttempts, this.provideRequestorName,
				this.provideRequestorData, List.copyOf(this.users), this.permissionsYaml,
				Collections.unmodifiableMap(new LinkedHashMap<>(this.rpcRules)), this.logLevel, this.port,
				this.startupTimeout, this.installation, this.tls, this.cluster);
	}

	/**
	 * Creates and starts the server.
	 * @return the running server
	 */
	public DeepstreamServer start() {
		return build().start();
	}

	private static Duration positive(Duration duration, String name) {
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive but was " + duration);
		}
		return duration;
	}

}
