package dev.deepstreamrpc.client.connection;

import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.function.LongSupplier;

import dev.deepstreamrpc.client.transport.TransportConnection;
import dev.deepstreamrpc.wire.FrameCodec;
import dev.deepstreamrpc.wire.proto.RpcMessage;
import org.jspecify.annotations.Nullable;

/**
 * One WebSocket of a {@link Connection}, from opening to its end. Whatever a request
 * received on a session answers must go back on the same session: once a session has
 * ended, its messages are dropped rather than sent on a later socket where they would
 * mean nothing.
 * <p>
 * Thread-safe. {@code transport} and the timers are guarded by this object's monitor;
 * {@code lastPongNanos} is written by the I/O thread and read by the scheduler;
 * {@code loggedIn} and {@code ended} are written once.
 */
public final class Session {

	private final Connection connection;

	private final long id;

	private final int maxMessageSize;

	private final LongSupplier nanoTime;

	private @Nullable TransportConnection transport;

	private @Nullable ScheduledFuture<?> pings;

	private @Nullable ScheduledFuture<?> livenessChecks;

	private @Nullable ScheduledFuture<?> connectTimeout;

	private volatile long lastPongNanos;

	private volatile boolean loggedIn;

	private volatile boolean ended;

	Session(Connection connection, long id, int maxMessageSize, LongSupplier nanoTime) {
		this.connection = connection;
		this.id = id;
		this.maxMessageSize = maxMessageSize;
		this.nanoTime = nanoTime;
	}

	/**
	 * Sends an RPC message on this session.
	 * @param message the message
	 * @return what became of it
	 */
	public SendResult send(RpcMessage message) {
		byte[] frame = FrameCodec.encode(message);
		if (frame.length > this.maxMessageSize) {
			return SendResult.TOO_LARGE;
		}
		return sendFrame(frame) ? SendResult.SENT : SendResult.NOT_OPEN;
	}

	/**
	 * Whether this session is logged in and has not ended.
	 * @return whether messages sent now can reach the server
	 */
	public boolean isOpen() {
		return this.loggedIn && !this.ended;
	}

	/**
	 * A number that identifies this session within its connection, for logs.
	 * @return the id
	 */
	public long id() {
		return this.id;
	}

	boolean sendFrame(byte[] frame) {
		TransportConnection current = transport();
		return current != null && !this.ended && current.send(frame);
	}

	void attach(TransportConnection transport) {
		synchronized (this) {
			if (!this.ended) {
				this.transport = transport;
				return;
			}
		}
		transport.abort();
	}

	synchronized void timers(ScheduledFuture<?> pings, ScheduledFuture<?> livenessChecks,
			ScheduledFuture<?> connectTimeout) {
		this.pings = pings;
		this.livenessChecks = livenessChecks;
		this.connectTimeout = connectTimeout;
	}

	/**
	 * Notes that the server answered a PING. Only PONGs prove that the server still hears
	 * this client: RPC traffic keeps arriving while the way to the server is cut.
	 */
	void ponged() {
		this.lastPongNanos = this.nanoTime.getAsLong();
	}

	long nanosSinceLastPong() {
		return this.nanoTime.getAsLong() - this.lastPongNanos;
	}

	void loggedIn() {
		this.lastPongNanos = this.nanoTime.getAsLong();
		this.loggedIn = true;
		ScheduledFuture<?> timeout;
		synchronized (this) {
			timeout = this.connectTimeout;
		}
		if (timeout != null) {
			timeout.cancel(false);
		}
	}

	boolean isLoggedIn() {
		return this.loggedIn;
	}

	boolean hasEnded() {
		return this.ended;
	}

	/**
	 * Ends this session at once: the socket is aborted, not closed politely, because a
	 * session is ended when its peer can no longer be trusted to answer.
	 * @param cause why it ended
	 */
	void end(Throwable cause) {
		if (!markEnded()) {
			return;
		}
		TransportConnection current = transport();
		if (current != null) {
			current.abort();
		}
		this.connection.sessionEnded(this, cause);
	}

	/**
	 * Ends this session with a closing handshake, for a client that is shutting down.
	 */
	void close() {
		if (!markEnded()) {
			return;
		}
		TransportConnection current = transport();
		if (current != null) {
			current.close();
		}
	}

	/**
	 * Marks this session ended and stops its timers. Once ended, its transport no longer
	 * changes ({@link #attach} aborts a late one).
	 * @return whether it was still running
	 */
	private synchronized boolean markEnded() {
		if (this.ended) {
			return false;
		}
		this.ended = true;
		cancel(this.pings);
		cancel(this.livenessChecks);
		cancel(this.connectTimeout);
		return true;
	}

	private synchronized @Nullable TransportConnection transport() {
		return this.transport;
	}

	private static void cancel(@Nullable ScheduledFuture<?> task) {
		if (task != null) {
			task.cancel(false);
		}
	}

	SessionReader reader() {
		return new SessionReader(this, this.connection);
	}

	void failed(@Nullable Throwable cause) {
		end((cause != null) ? cause : new IOException("WebSocket closed"));
	}

}
