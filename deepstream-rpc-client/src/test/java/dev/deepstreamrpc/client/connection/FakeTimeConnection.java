package dev.deepstreamrpc.client.connection;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.deepstreamrpc.wire.proto.RpcMessage;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Connection} on a {@link FakeClock} and a {@link FakeTransport}, recording
 * every state change, every session the RPC layer is told about and every login it asks
 * for, so that timing tests read as what happened when.
 * <p>
 * Not thread-safe: confined to the test's thread, like the clock.
 */
final class FakeTimeConnection implements SessionHandler, ConnectionStateListener {

	static final URI URL = URI.create("ws://fake.invalid/deepstream");

	final FakeClock clock = new FakeClock();

	final FakeTransport transport = new FakeTransport(this.clock);

	final Connection connection;

	final List<ConnectionState> states = new ArrayList<>();

	final List<Long> closedNanos = new ArrayList<>();

	final List<Throwable> closeCauses = new ArrayList<>();

	final List<RpcMessage> received = new ArrayList<>();

	private int logins;

	FakeTimeConnection(ConnectionSettings settings) {
		this.connection = new Connection(settings, this.transport, this::login, this.clock, this, this.clock::nanoTime);
		this.connection.addListener(this);
	}

	static ConnectionSettings settings(Duration pingInterval, Duration deadAfter, ReconnectBackoff backoff,
			Duration loginRetryDelay) {
		return new ConnectionSettings(URL, Duration.ofSeconds(10), pingInterval, deadAfter, backoff, loginRetryDelay,
				1024 * 1024, "test");
	}

	/**
	 * Opens the connection and lets everything due now happen.
	 * @return this connection's state afterwards
	 */
	ConnectionState open() {
		this.connection.open();
		this.clock.runDueTasks();
		return this.connection.state();
	}

	/**
	 * How many times a login was asked for, which is how often the application's
	 * authentication data supplier would have been called.
	 * @return the count
	 */
	int logins() {
		return this.logins;
	}

	/**
	 * How many times the connection opened again after its first login.
	 * @return the count
	 */
	int reconnects() {
		return (int) this.states.stream().filter((state) -> state == ConnectionState.OPEN).count() - 1;
	}

	Duration elapsedSince(long nanos) {
		return Duration.ofNanos(this.clock.nanoTime() - nanos);
	}

	private LoginRequest login() {
		this.logins++;
		return new LoginRequest(("{\"token\":\"t-" + this.logins + "\"}").getBytes(StandardCharsets.UTF_8), null);
	}

	@Override
	public void stateChanged(ConnectionState previous, ConnectionState current, @Nullable Throwable cause) {
		this.states.add(current);
	}

	@Override
	public void sessionOpened(Session session) {
	}

	@Override
	public void sessionClosed(Session session, Throwable cause) {
		this.closedNanos.add(this.clock.nanoTime());
		this.closeCauses.add(cause);
	}

	@Override
	public void rpcMessage(Session session, RpcMessage message) {
		this.received.add(message);
	}

}
