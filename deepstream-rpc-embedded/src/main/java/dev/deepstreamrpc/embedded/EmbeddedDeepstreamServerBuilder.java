package dev.deepstreamrpc.embedded;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Collects the configuration of an {@link EmbeddedDeepstreamServer}; every default is the
 * real deepstream server's default except the port, which is a free one.
 * <p>
 * Not thread-safe; build on one thread.
 */
public final class EmbeddedDeepstreamServerBuilder {

	private String host = "127.0.0.1";

	private int port;

	private Duration ackTimeout = Duration.ofSeconds(1);

	private Duration responseTimeout = Duration.ofSeconds(10);

	private Duration heartbeatInterval = Duration.ofSeconds(30);

	private int maxMessageSize = 1048576;

	private Duration unauthenticatedClientTimeout = Duration.ofSeconds(180);

	private int maxAuthAttempts = 3;

	private final Map<String, UserAccount> users = new LinkedHashMap<>();

	private boolean provideRequestorName;

	private boolean provideRequestorData;

	private final JsonMapper json = JsonMapper.builder().build();

	EmbeddedDeepstreamServerBuilder() {
	}

	/**
	 * Sets the address to bind.
	 * @param host the host name or address (default {@code 127.0.0.1})
	 * @return this builder
	 */
	public EmbeddedDeepstreamServerBuilder host(String host) {
		this.host = Objects.requireNonNull(host, "host");
		return this;
	}

	/**
	 * Sets the port to bind.
	 * @param port the port, or {@code 0} for a free one (the default)
	 * @return this builder
	 */
	public EmbeddedDeepstreamServerBuilder port(int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port must be between 0 and 65535 but was " + port);
		}
		this.port = port;
		return this;
	}

	/**
	 * Sets {@code rpc.ackTimeout}: how long a provider may take to accept a request.
	 * @param ackTimeout the timeout (default 1 s)
	 * @return this builder
	 */
	public EmbeddedDeepstreamServerBuilder ackTimeout(Duration ackTimeout) {
		this.ackTimeout = positive(ackTimeout, "ackTimeout");
		return this;
	}

	/**
	 * Sets {@code rpc.responseTimeout}: how long a provider may take to answer, counted
	 * from the moment the server hands it the request.
	 * @param responseTimeout the timeout (default 10 s)
	 * @return this builder
	 */
	public EmbeddedDeepstreamServerBuilder responseTimeout(Duration responseTimeout) {
		this.responseTimeout = positive(responseTimeout, "responseTimeout");
		return this;
	}

	/**
	 * Sets the heartbeat interval: every interval the server closes connections that sent
	 * nothing for two intervals.
	 * @param heartbeatInterval the interval (default 30 s)
	 * @return this builder
	 */
	public EmbeddedDeepstreamServerBuilder heartbeatInterval(Duration heartbeatInterval) {
		this.heartbeatInterval = positive(heartbeatInterval, "heartbeatInterval");
		return this;
	}

	/**
	 * Sets the largest WebSocket message the server accepts; a larger one closes the
	 * connection with code 1009.
	 * @param maxMessageSize the size in bytes (default 1048576)
	 * @return this builder
	 */
	public EmbeddedDeepstreamServerBuilder maxMessageSize(int maxMessageSize) {
		if (maxMessageSize <= 0) {
			throw new IllegalArgumentException("maxMessageSize must be positive but was " + maxMessageSize);
		}
		this.maxMessageSize = maxMessageSize;
		return this;
	}

	/**
	 * Sets how long a connection may stay open before its first login attempt completes.
	 * @param unauthenticatedClientTimeout the timeout (default 180 s)
	 * @return this builder
	 */
	public EmbeddedDeepstreamServerBuilder unauthenticatedClientTimeout(Duration unauthenticatedClientTimeout) {
		this.unauthenticatedClientTimeout = positive(unauthenticatedClientTimeout, "unauthenticatedClientTimeout");
		return this;
	}

	/**
	 * Sets how many failed logins close the connection.
	 * @param maxAuthAttempts the number of attempts (default 3)
	 * @return this builder
	 */
	public EmbeddedDeepstreamServerBuilder maxAuthAttempts(int maxAuthAttempts) {
		if (maxAuthAttempts <= 0) {
			throw new IllegalArgumentException("maxAuthAttempts must be positive but was " + maxAuthAttempts);
		}
		this.maxAuthAttempts = maxAuthAttempts;
		return this;
	}

	/**
	 * Adds a user without client data and switches from open authentication to the static
	 * user list; such a user's login answer carries the client data {@code null}.
	 * @param username the name to log in with
	 * @param password the clear-text password
	 * @return this builder
	 */
	public EmbeddedDeepstreamServerBuilder user(String username, String password) {
		return addUser(username, password, null);
	}

	/**
	 * Adds a user with client data and switches from open authentication to the static
	 * user list.
	 * @param username the name to log in with
	 * @param password the clear-text password
	 * @param clientData what the client receives on login and providers may receive as
	 * requestor data
	 * @return this builder
	 */
	public EmbeddedDeepstreamServerBuilder user(String username, String password, Map<String, ?> clientData) {
		return addUser(username, password, this.json.writeValueAsString(Objects.requireNonNull(clientData)));
	}

	private EmbeddedDeepstreamServerBuilder addUser(String username, String password, @Nullable String clientData) {
		Objects.requireNonNull(username, "username");
		Objects.requireNonNull(password, "password");
		this.users.put(username, new UserAccount(username, password, clientData));
		return this;
	}

	/**
	 * Sets {@code rpc.provideRequestorName}: whether providers receive the requestor's
	 * user id.
	 * @param provideRequestorName whether to send it (default {@code false})
	 * @return this builder
	 */
	public EmbeddedDeepstreamServerBuilder provideRequestorName(boolean provideRequestorName) {
		this.provideRequestorName = provideRequestorName;
		return this;
	}

	/**
	 * Sets {@code rpc.provideRequestorData}: whether providers receive the requestor's
	 * client data.
	 * @param provideRequestorData whether to send it (default {@code false})
	 * @return this builder
	 */
	public EmbeddedDeepstreamServerBuilder provideRequestorData(boolean provideRequestorData) {
		this.provideRequestorData = provideRequestorData;
		return this;
	}

	/**
	 * Creates the server without starting it.
	 * @return the server
	 */
	public EmbeddedDeepstreamServer build() {
		return new EmbeddedDeepstreamServer(new EmbeddedSettings(this.host, this.port, this.ackTimeout,
				this.responseTimeout, this.heartbeatInterval, this.maxMessageSize, this.unauthenticatedClientTimeout,
				this.maxAuthAttempts, Map.copyOf(this.users), this.provideRequestorName, this.provideRequestorData));
	}

	/**
	 * Creates and starts the server.
	 * @return the running server
	 */
	public EmbeddedDeepstreamServer start() {
		return build().start();
	}

	private static Duration positive(Duration duration, String name) {
		Objects.requireNonNull(duration, name);
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive but was " + duration);
		}
		return duration;
	}

}
