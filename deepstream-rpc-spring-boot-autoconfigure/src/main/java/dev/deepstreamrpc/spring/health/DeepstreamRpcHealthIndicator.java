package dev.deepstreamrpc.spring.health;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.ProviderState;
import dev.deepstreamrpc.client.connection.ConnectionState;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports a {@link DeepstreamRpcClient} as UP while it is logged in and the server routes
 * every RPC it provides to it, and DOWN otherwise, saying why: the connection was lost or
 * refused, or a provider is still waiting for the server's acknowledgement or was denied
 * by the server's permissions. A denied provider makes the whole client DOWN because the
 * server will not route that name here until its permissions change, which takes an
 * operator; the details name it, so the other providers are seen to be fine.
 * <p>
 * The reason for a lost connection is the failure that ended the last connection attempt,
 * as the client reported it; such messages name the server and the user, never the
 * password, and any credentials written into a URL are removed.
 * <p>
 * Thread-safe: {@code lastChange} is written by the client's state listener, which the
 * connection calls under its lock, and read by whoever asks for the health.
 */
public class DeepstreamRpcHealthIndicator implements HealthIndicator {

	private static final Pattern URL_CREDENTIALS = Pattern.compile("(://)[^/@\\s]+@");

	private final DeepstreamRpcClient client;

	private final Clock clock;

	private volatile StateChange lastChange;

	/**
	 * Creates an indicator for the given client and starts following its state.
	 * @param client the client
	 */
	public DeepstreamRpcHealthIndicator(DeepstreamRpcClient client) {
		this(client, Clock.systemUTC());
	}

	DeepstreamRpcHealthIndicator(DeepstreamRpcClient client, Clock clock) {
		this.client = client;
		this.clock = clock;
		this.lastChange = new StateChange(client.state(), clock.instant(), null);
		client.addConnectionStateListener(this::stateChanged);
	}

	private void stateChanged(ConnectionState previous, ConnectionState current, @Nullable Throwable cause) {
		String reason = (cause != null) ? reason(cause) : this.lastChange.reason();
		this.lastChange = new StateChange(current, this.clock.instant(),
				(current != ConnectionState.OPEN) ? reason : null);
	}

	@Override
	public Health health() {
		StateChange change = this.lastChange;
		ConnectionState state = this.client.state();
		Map<String, ProviderState> providers = new TreeMap<>(this.client.providers());
		Health.Builder health = Health.up()
			.withDetail("state", state)
			.withDetail("since", change.at().toString())
			.withDetail("providers", providers);
		String reason = (state != ConnectionState.OPEN) ? connectionReason(state, change) : providersReason(providers);
		return (reason != null) ? health.down().withDetail("reason", reason).build() : health.build();
	}

	private static String connectionReason(ConnectionState state, StateChange change) {
		String reason = change.reason();
		return switch (state) {
			case CLOSED -> "The client is closed";
			case AUTHENTICATION_FAILED -> (reason != null) ? reason : "The server refused the login";
			default -> (reason != null) ? "Not connected: " + reason : "Not connected yet (" + state + ")";
		};
	}

	private static @Nullable String providersReason(Map<String, ProviderState> providers) {
		List<String> denied = namesIn(providers, ProviderState.DENIED);
		if (!denied.isEmpty()) {
			return "The server's permissions refuse providing " + String.join(", ", denied);
		}
		List<String> pending = namesIn(providers, ProviderState.PENDING);
		if (!pending.isEmpty()) {
			return "Waiting for the server to acknowledge providing " + String.join(", ", pending);
		}
		return null;
	}

	private static List<String> namesIn(Map<String, ProviderState> providers, ProviderState state) {
		return providers.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() == state)
			.map(Map.Entry::getKey)
			.toList();
	}

	private static String reason(Throwable cause) {
		String message = cause.getMessage();
		if (message == null || message.isBlank()) {
			message = cause.getClass().getSimpleName();
		}
		return URL_CREDENTIALS.matcher(message).replaceAll("$1");
	}

	private record StateChange(ConnectionState state, Instant at, @Nullable String reason) {

	}

}
