package dev.deepstreamrpc.client.connection;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import com.google.protobuf.UnsafeByteOperations;
import dev.deepstreamrpc.client.transport.Transport;
import dev.deepstreamrpc.wire.AuthAction;
import dev.deepstreamrpc.wire.ConnectionAction;
import dev.deepstreamrpc.wire.FrameCodec;
import dev.deepstreamrpc.wire.proto.AuthMessage;
import dev.deepstreamrpc.wire.proto.ConnectionMessage;
import dev.deepstreamrpc.wire.proto.RpcMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A logical connection to deepstream that stays up for the life of the client: it opens a
 * {@link Session}, challenges and logs in, pings on a fixed schedule, aborts a session
 * whose pings the server stopped answering and reconnects without limit after any loss.
 * <p>
 * With several URIs, such as the nodes of a deepstream cluster, each attempt after a
 * failed or lost connection goes to the next URI in the list, wrapping around, and the
 * connection stays with whichever URI it last logged in to. Within a round through the
 * list the next URI is tried at once; the backoff delay comes after each full round of
 * failures, so losing one node moves the connection to the next one straight away, while
 * a cluster that is down entirely is retried no faster than a single server would be.
 * <p>
 * Thread-safe. {@code state}, {@code session}, {@code failedAttempts}, {@code uriIndex}
 * and {@code reconnect} are guarded by {@code lock}; {@code state}, {@code openSession}
 * and {@code uriIndex} are also volatile so that senders and log messages can read them
 * without taking it. Timers run on the scheduler given to the constructor, which the
 * owner shuts down; together with the source of {@code nanoTime} it is all the time the
 * connection sees, so that tests can drive heartbeats and backoff with a fake clock.
 */
public final class Connection implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Connection.class);

	/**
	 * How often per {@code deadAfter} window the time since the last PONG is checked, so
	 * that a dead connection is aborted at most a tenth of the window late, whatever the
	 * ping interval.
	 */
	private static final int LIVENESS_CHECKS_PER_DEAD_AFTER = 10;

	private static final byte[] PING = FrameCodec
		.encode(ConnectionMessage.newBuilder().setAction(ConnectionAction.PING).build());

	private final ConnectionSettings settings;

	private final Transport transport;

	private final Supplier<LoginRequest> loginRequests;

	private final ScheduledExecutorService scheduler;

	private final SessionHandler handler;

	private final LongSupplier nanoTime;

	private final List<ConnectionStateListener> listeners = new CopyOnWriteArrayList<>();

	private final CompletableFuture<Void> firstLogin = new CompletableFuture<>();

	private final Object lock = new Object();

	private volatile ConnectionState state = ConnectionState.NEW;

	private volatile @Nullable Session openSession;

	private @Nullable Session session;

	private @Nullable String username;

	private long sessionCount;

	private int failedAttempts;

	private volatile int uriIndex;

	private @Nullable ScheduledFuture<?> reconnect;

	public Connection(ConnectionSettings settings, Transport transport, Supplier<LoginRequest> loginRequests,
			ScheduledExecutorService scheduler, SessionHandler handler) {
		this(settings, transport, loginRequests, scheduler, handler, System::nanoTime);
	}

	/**
	 * Creates a connection that reads the time from the given source, which must tick in
	 * step with the scheduler's delays.
	 * @param settings the settings
	 * @param transport opens the sockets
	 * @param loginRequests supplies the login of each attempt
	 * @param scheduler runs the timers
	 * @param handler the RPC layer
	 * @param nanoTime the monotonic time in nanoseconds, as {@link System#nanoTime()}
	 */
	Connection(ConnectionSettings settings, Transport transport, Supplier<LoginRequest> loginRequests,
			ScheduledExecutorService scheduler, SessionHandler handler, LongSupplier nanoTime) {
		this.settings = settings;
		this.transport = transport;
		this.loginRequests = loginRequests;
		this.scheduler = scheduler;
		this.handler = handler;
		this.nanoTime = nanoTime;
	}

	/**
	 * Starts connecting, if not started yet.
	 * @return a future completed at the first successful login, or failed with the cause
	 * of the last attempt of the first round through the URIs that all failed
	 * ({@link LoginRefusedException} at once when a server refused the login); attempts
	 * go on in the background either way
	 */
	public CompletableFuture<Void> open() {
		synchronized (this.lock) {
			if (this.state == ConnectionState.NEW) {
				startSession();
			}
		}
		return this.firstLogin.copy();
	}

	public ConnectionState state() {
		return this.state;
	}

	/**
	 * The session messages can be sent on now.
	 * @return the logged-in session, or {@code null} while not logged in
	 */
	public @Nullable Session openSession() {
		return this.openSession;
	}

	public void addListener(ConnectionStateListener listener) {
		this.listeners.add(listener);
	}

	public void removeListener(ConnectionStateListener listener) {
		this.listeners.remove(listener);
	}

	/**
	 * Closes the connection for good, politely if a session is open.
	 */
	@Override
	public void close() {
		Session closing;
		boolean wasOpen;
		synchronized (this.lock) {
			if (this.state == ConnectionState.CLOSED) {
				return;
			}
			wasOpen = this.state == ConnectionState.OPEN;
			moveTo(ConnectionState.CLOSED, null);
			cancelReconnect();
			closing = this.session;
			this.session = null;
			this.openSession = null;
		}
		IOException cause = new IOException("The client was closed");
		if (closing != null) {
			closing.close();
			if (wasOpen) {
				this.handler.sessionClosed(closing, cause);
			}
		}
		this.firstLogin.completeExceptionally(cause);
	}

	/**
	 * The URI the connection is logged in to, or tries next.
	 * @return one of the configured URIs
	 */
	public URI uri() {
		return this.settings.uris().get(this.uriIndex);
	}

	@Override
	public String toString() {
		List<URI> uris = this.settings.uris();
		return (uris.size() == 1) ? uris.get(0).toString() : uris.toString();
	}

	private void startSession() {
		moveTo(ConnectionState.CONNECTING, null);
		Session started = new Session(this, ++this.sessionCount, this.settings.maxMessageSize(), this.nanoTime);
		this.session = started;
		Duration timeout = this.settings.connectTimeout();
		URI uri = uri();
		long pingMillis = this.settings.pingInterval().toMillis();
		long checkMillis = Math.max(1, this.settings.deadAfter().toMillis() / LIVENESS_CHECKS_PER_DEAD_AFTER);
		started.timers(
				this.scheduler.scheduleAtFixedRate(() -> started.sendFrame(PING), pingMillis, pingMillis,
						TimeUnit.MILLISECONDS),
				this.scheduler.scheduleAtFixedRate(() -> checkLiveness(started), checkMillis, checkMillis,
						TimeUnit.MILLISECONDS),
				this.scheduler.schedule(() -> connectTimedOut(started), timeout.toMillis(), TimeUnit.MILLISECONDS));
		try {
			this.transport.connect(uri, timeout, started.reader()).whenComplete((transportConnection, failure) -> {
				if (failure != null) {
					started.end((failure instanceof CompletionException && failure.getCause() != null)
							? failure.getCause() : failure);
				}
				else {
					started.attach(transportConnection);
					challenge(started);
				}
			});
		}
		catch (RuntimeException ex) {
			started.end(ex);
		}
	}

	private void challenge(Session challenging) {
		URI uri;
		synchronized (this.lock) {
			if (challenging != this.session || challenging.hasEnded()) {
				return;
			}
			moveTo(ConnectionState.CHALLENGING, null);
			uri = uri();
		}
		challenging.sendFrame(FrameCodec.encode(ConnectionMessage.newBuilder()
			.setAction(ConnectionAction.CHALLENGE)
			.setUrl(uri.toString())
			.setProtocolVersion("0.1a")
			.setSdkVersion(this.settings.sdkVersion())
			.setSdkType("java")
			.build()));
	}

	void challengeAccepted(Session accepted) {
		if (!isChallenging(accepted)) {
			return;
		}
		LoginRequest login;
		try {
			login = this.loginRequests.get();
		}
		catch (RuntimeException ex) {
			accepted.end(new IOException("Could not obtain authentication data", ex));
			return;
		}
		synchronized (this.lock) {
			if (!isChallenging(accepted)) {
				return;
			}
			this.username = login.username();
			moveTo(ConnectionState.AUTHENTICATING, null);
		}
		accepted.sendFrame(FrameCodec.encode(AuthMessage.newBuilder()
			.setAction(AuthAction.REQUEST)
			.setDataBytes(UnsafeByteOperations.unsafeWrap(login.authData()))
			.build()));
	}

	private boolean isChallenging(Session session) {
		synchronized (this.lock) {
			return session == this.session && this.state == ConnectionState.CHALLENGING;
		}
	}

	void loggedIn(Session opened) {
		boolean reconnected;
		URI uri;
		synchronized (this.lock) {
			if (opened != this.session || this.state != ConnectionState.AUTHENTICATING) {
				return;
			}
			opened.loggedIn();
			reconnected = this.sessionCount > 1;
			this.failedAttempts = 0;
			moveTo(ConnectionState.OPEN, null);
			this.openSession = opened;
			uri = uri();
		}
		logger.info("{} to {}", reconnected ? "Reconnected" : "Connected", uri);
		this.handler.sessionOpened(opened);
		this.firstLogin.complete(null);
	}

	void loginRefused(Session refused, String reason) {
		String user = this.username;
		String who = (user != null) ? "as user '" + user + "' " : "";
		refused.end(new LoginRefusedException("Login " + who + "to " + uri() + " was refused: " + reason));
	}

	void rpcMessage(Session from, RpcMessage message) {
		this.handler.rpcMessage(from, message);
	}

	void sessionEnded(Session ended, Throwable cause) {
		boolean wasOpen;
		boolean roundFailed;
		URI uri;
		synchronized (this.lock) {
			if (ended != this.session || this.state == ConnectionState.CLOSED) {
				return;
			}
			wasOpen = this.state == ConnectionState.OPEN;
			uri = uri();
			this.session = null;
			this.openSession = null;
			scheduleReconnect(cause);
			roundFailed = this.failedAttempts % this.settings.uris().size() == 0;
		}
		if (wasOpen) {
			logger.warn("Lost the connection to {}: {}", uri, cause.getMessage());
			this.handler.sessionClosed(ended, cause);
		}
		else {
			logger.debug("Could not connect to {}", uri, cause);
		}
		if (roundFailed || cause instanceof LoginRefusedException) {
			this.firstLogin.completeExceptionally(cause);
		}
	}

	private void scheduleReconnect(Throwable cause) {
		boolean refused = cause instanceof LoginRefusedException;
		Duration delay = refused ? this.settings.loginRetryDelay() : backoffDelay(++this.failedAttempts);
		this.uriIndex = (this.uriIndex + 1) % this.settings.uris().size();
		moveTo(refused ? ConnectionState.AUTHENTICATION_FAILED : ConnectionState.RECONNECTING, cause);
		this.reconnect = this.scheduler.schedule(this::reconnect, delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * The delay before the given consecutive failed attempt: none while the current round
	 * through the URIs is not complete, else the backoff of that round.
	 */
	private Duration backoffDelay(int attempt) {
		int uris = this.settings.uris().size();
		return (attempt % uris != 0) ? Duration.ZERO : this.settings.backoff().delay(attempt / uris);
	}

	private void reconnect() {
		synchronized (this.lock) {
			if (this.state == ConnectionState.RECONNECTING || this.state == ConnectionState.AUTHENTICATION_FAILED) {
				startSession();
			}
		}
	}

	private void cancelReconnect() {
		ScheduledFuture<?> pending = this.reconnect;
		if (pending != null) {
			pending.cancel(false);
			this.reconnect = null;
		}
	}

	private void checkLiveness(Session checked) {
		if (checked.isLoggedIn() && checked.nanosSinceLastPong() > this.settings.deadAfter().toNanos()) {
			checked.end(
					new IOException("The server answered no PING for " + this.settings.deadAfter().toMillis() + " ms"));
		}
	}

	private void connectTimedOut(Session connecting) {
		if (!connecting.isLoggedIn()) {
			connecting.end(new IOException("Could not connect and log in to " + uri() + " within "
					+ this.settings.connectTimeout().toMillis() + " ms"));
		}
	}

	private void moveTo(ConnectionState next, @Nullable Throwable cause) {
		ConnectionState previous = this.state;
		if (!previous.canMoveTo(next)) {
			throw new IllegalStateException("Connection cannot move from " + previous + " to " + next);
		}
		this.state = next;
		for (ConnectionStateListener listener : this.listeners) {
			try {
				listener.stateChanged(previous, next, cause);
			}
			catch (RuntimeException ex) {
				logger.warn("Connection state listener failed", ex);
			}
		}
	}

}
