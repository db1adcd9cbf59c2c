package dev.deepstreamrpc.test;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * A TCP proxy on a loopback port in front of a server, with switches that inject network
 * faults into live connections (latency, one-way blackholes, resets, fragmentation,
 * corrupted WebSocket frames, refused connections), because loopback itself never fails
 * and {@code tc netem} would disturb every other process on the machine.
 * <p>
 * Every switch applies within milliseconds, to bytes already waiting in the proxy as well
 * as to new ones, and {@link #heal()} turns them all off. A blackhole drops bytes but not
 * the end of a connection: a FIN or RST from either side still ends both sides.
 * <p>
 * Thread-safe. One acceptor thread, plus a reader and a writer thread for each direction
 * of each connection, so at most {@code 1 + 4 * maxConnections} threads; connections
 * beyond {@code maxConnections} (default 16) are reset at once and counted as refused.
 * {@code connections} holds the live connections and is touched by the acceptor, the pipe
 * threads and the test's thread. {@link #close()} resets every connection and joins every
 * thread.
 */
public final class ChaosProxy implements AutoCloseable {

	/**
	 * The default bound on connections proxied at once.
	 */
	public static final int DEFAULT_MAX_CONNECTIONS = 16;

	private static final int CONNECT_TIMEOUT_MILLIS = 1000;

	private static final long JOIN_MILLIS = 2000;

	private final InetSocketAddress upstream;

	private final @Nullable URI serverUrl;

	private final int maxConnections;

	private final ServerSocket serverSocket;

	private final ChaosSwitches switches = new ChaosSwitches();

	private final TrafficCounters counters = new TrafficCounters();

	private final Set<ProxiedConnection> connections = ConcurrentHashMap.newKeySet();

	private final AtomicInteger connectionIds = new AtomicInteger();

	private final Thread acceptor;

	private volatile boolean closed;

	private ChaosProxy(InetSocketAddress upstream, @Nullable URI serverUrl, int maxConnections) throws IOException {
		this.upstream = upstream;
		this.serverUrl = serverUrl;
		this.maxConnections = maxConnections;
		this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.acceptor = new Thread(this::accept, "chaos-proxy-" + port() + "-accept");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	/**
	 * Starts a proxy in front of a running server's WebSocket port.
	 * @param server the server
	 * @return the proxy, with {@link #url()} pointing at it
	 */
	public static ChaosProxy inFrontOf(DeepstreamServer server) {
		return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), server.url(),
				DEFAULT_MAX_CONNECTIONS);
	}

	/**
	 * Starts a proxy in front of any TCP address.
	 * @param upstream where connections are forwarded
	 * @return the proxy
	 */
	public static ChaosProxy start(InetSocketAddress upstream) {
		return start(upstream, null, DEFAULT_MAX_CONNECTIONS);
	}

	/**
	 * Starts a proxy in front of any TCP address with a bound on concurrent connections.
	 * @param upstream where connections are forwarded
	 * @param maxConnections how many connections may be proxied at once
	 * @return the proxy
	 */
	public static ChaosProxy start(InetSocketAddress upstream, int maxConnections) {
		return start(upstream, null, maxConnections);
	}

	private static ChaosProxy start(InetSocketAddress upstream, @Nullable URI serverUrl, int maxConnections) {
		if (maxConnections < 1) {
			throw new IllegalArgumentException("maxConnections must be positive but was " + maxConnections);
		}
		try {
			return new ChaosProxy(Objects.requireNonNull(upstream, "upstream"), serverUrl, maxConnections);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not open a loopback port for the proxy", ex);
		}
	}

	/**
	 * The loopback port the proxy listens on.
	 * @return the port
	 */
	public int port() {
		return this.serverSocket.getLocalPort();
	}

	/**
	 * The server's URL with the proxy's port, for clients that should go through it.
	 * @return the URL
	 * @throws IllegalStateException if the proxy was not started for a server
	 */
	public URI url() {
		if (this.serverUrl == null) {
			throw new IllegalStateException("the proxy was not started in front of a server");
		}
		return url(this.serverUrl);
	}

	/**
	 * Rewrites a URL to go through this proxy: same scheme and path, the proxy's host and
	 * port.
	 * @param target a URL of the proxied server
	 * @return the rewritten URL
	 */
	public URI url(URI target) {
		try {
			return new URI(target.getScheme(), target.getUserInfo(), "127.0.0.1", port(), target.getPath(),
					target.getQuery(), target.getFragment());
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	/**
	 * Delays every chunk in both directions.
	 * @param latency the delay added to each chunk
	 * @param jitter the most a chunk's delay varies, up or down, drawn uniformly
	 * @return this proxy
	 */
	public ChaosProxy latency(Duration latency, Duration jitter) {
		for (Direction direction : Direction.values()) {
			this.switches.latency(direction, nonNegative(latency), nonNegative(jitter));
		}
		return changed();
	}

	/**
	 * Delays every chunk in one direction.
	 * @param direction the direction
	 * @param latency the delay added to each chunk
	 * @param jitter the most a chunk's delay varies, up or down, drawn uniformly
	 * @return this proxy
	 */
	public ChaosProxy latency(Direction direction, Duration latency, Duration jitter) {
		this.switches.latency(direction, nonNegative(latency), nonNegative(jitter));
		return changed();
	}

	/**
	 * Drops every byte in one direction, including bytes already waiting in the proxy,
	 * while keeping the sockets open, as a broken route or a full firewall table would.
	 * @param direction the direction
	 * @return this proxy
	 */
	public ChaosProxy blackhole(Direction direction) {
		this.switches.blackhole(direction, true);
		return changed();
	}

	/**
	 * Writes every chunk in slices, pausing between them, so that readers see frames
	 * split at arbitrary points.
	 * @param size the slice size in bytes
	 * @param delay the pause between slices
	 * @return this proxy
	 */
	public ChaosProxy slice(int size, Duration delay) {
		if (size < 1) {
			throw new IllegalArgumentException("size must be positive but was " + size);
		}
		this.switches.slice(size, nonNegative(delay));
		return changed();
	}

	/**
	 * Inverts every payload byte of the next non-empty WebSocket text or binary frame in
	 * a direction, on whichever connection carries it first, while leaving its header
	 * intact: the receiver gets a well-formed frame whose content is garbage.
	 * @param direction the direction
	 * @return this proxy
	 */
	public ChaosProxy corruptNextFrame(Direction direction) {
		this.switches.corruptNextFrame(direction);
		return this;
	}

	/**
	 * Whether new connections are reset as soon as they are accepted, as a server that is
	 * down or a firewall rejecting them would.
	 * @param refuse whether to refuse
	 * @return this proxy
	 */
	public ChaosProxy refuseNew(boolean refuse) {
		this.switches.refuseNew(refuse);
		return this;
	}

	/**
	 * Turns every switch off: no latency, no blackhole, no slicing, no pending
	 * corruption, new connections accepted. Bytes waiting for their latency are released
	 * at once.
	 * @return this proxy
	 */
	public ChaosProxy heal() {
		this.switches.heal();
		return changed();
	}

	/**
	 * Resets every live connection: both the client and the server get an RST.
	 */
	public void resetAll() {
		this.connections.forEach(ProxiedConnection::reset);
	}

	/**
	 * Closes every live connection politely: both the client and the server get a FIN.
	 */
	public void closeAll() {
		this.connections.forEach(ProxiedConnection::finish);
	}

	/**
	 * How many connections were proxied.
	 * @return the count since the proxy started
	 */
	public long connectionsAccepted() {
		return this.counters.accepted();
	}

	/**
	 * How many connections were reset at once: refused by {@link #refuseNew(boolean)},
	 * beyond the bound, or with the server unreachable.
	 * @return the count since the proxy started
	 */
	public long connectionsRefused() {
		return this.counters.refused();
	}

	/**
	 * How many connections are proxied now.
	 * @return the count
	 */
	public int activeConnections() {
		return this.connections.size();
	}

	/**
	 * How many bytes the sending side of a direction has sent into the proxy.
	 * @param direction the direction
	 * @return the count, dropped bytes included
	 */
	public long bytesReceived(Direction direction) {
		return this.counters.received(direction);
	}

	/**
	 * How many bytes the proxy has written to the receiving side of a direction.
	 * @param direction the direction
	 * @return the count
	 */
	public long bytesForwarded(Direction direction) {
		return this.counters.forwarded(direction);
	}

	/**
	 * How many bytes a blackhole dropped in a direction.
	 * @param direction the direction
	 * @return the count
	 */
	public long bytesDropped(Direction direction) {
		return this.counters.dropped(direction);
	}

	/**
	 * How many frames {@link #corruptNextFrame(Direction)} corrupted in a direction.
	 * @param direction the direction
	 * @return the count
	 */
	public long framesCorrupted(Direction direction) {
		return this.counters.corrupted(direction);
	}

	/**
	 * Stops accepting, resets every connection and waits for every thread of the proxy to
	 * end.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		closeQuietly(this.serverSocket);
		join(this.acceptor);
		this.connections.forEach(ProxiedConnection::reset);
		for (ProxiedConnection connection : this.connections) {
			try {
				connection.join(JOIN_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void accept() {
		while (!this.closed) {
			Socket client;
			try {
				client = this.serverSocket.accept();
			}
			catch (IOException ex) {
				continue;
			}
			proxy(client);
		}
	}

	private void proxy(Socket client) {
		if (this.closed || this.switches.refusesNew() || this.connections.size() >= this.maxConnections) {
			refuse(client);
			return;
		}
		Socket server = new Socket();
		try {
			client.setTcpNoDelay(true);
			server.setTcpNoDelay(true);
			server.connect(this.upstream, CONNECT_TIMEOUT_MILLIS);
		}
		catch (IOException ex) {
			closeQuietly(server);
			refuse(client);
			return;
		}
		String name = "chaos-proxy-" + port() + "-c" + this.connectionIds.incrementAndGet();
		ProxiedConnection connection = new ProxiedConnection(name, client, server, this.switches, this.counters,
				this.connections::remove);
		this.connections.add(connection);
		this.counters.countAccepted();
		connection.start();
	}

	private void refuse(Socket client) {
		this.counters.countRefused();
		try {
			client.setSoLinger(true, 0);
		}
		catch (IOException ex) {
			// closed already
		}
		closeQuietly(client);
	}

	private ChaosProxy changed() {
		this.connections.forEach(ProxiedConnection::wake);
		return this;
	}

	private static void join(Thread thread) {
		try {
			thread.join(JOIN_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static void closeQuietly(Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException ex) {
			// nothing left to release
		}
	}

	private static Duration nonNegative(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("duration must not be negative but was " + duration);
		}
		return duration;
	}

	@Override
	public String toString() {
		return "ChaosProxy[" + port() + " -> " + this.upstream + ", connections=" + this.connections.size() + "]";
	}

	/**
	 * The two directions bytes travel through the proxy.
	 */
	public enum Direction {

		/** From the client to the server. */
		CLIENT_TO_SERVER,

		/** From the server to the client. */
		SERVER_TO_CLIENT

	}

}
