package dev.deepstreamrpc.test;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.deepstreamrpc.test.ChaosProxy.Direction;

/**
 * One client connection through a {@link ChaosProxy} and its connection to the server,
 * with a {@link ProxyPipe} each way; the end of either side, or a reset, ends both, the
 * way a middlebox would pass it on.
 * <p>
 * Thread-safe. {@code ended} and {@code halfClosed} are atomics touched by the four pipe
 * threads and the test's thread; {@code liveThreads} counts the pipe threads still
 * running, and the last one to finish tells the proxy that this connection is gone.
 */
final class ProxiedConnection {

	private final String name;

	private final Socket client;

	private final Socket server;

	private final Consumer<ProxiedConnection> onGone;

	private final AtomicBoolean ended = new AtomicBoolean();

	private final AtomicInteger halfClosed = new AtomicInteger();

	private final AtomicInteger liveThreads = new AtomicInteger();

	private final ProxyPipe upstream;

	private final ProxyPipe downstream;

	ProxiedConnection(String name, Socket client, Socket server, ChaosSwitches switches, TrafficCounters counters,
			Consumer<ProxiedConnection> onGone) {
		this.name = name;
		this.client = client;
		this.server = server;
		this.onGone = onGone;
		this.upstream = new ProxyPipe(name + "-up", client, server, Direction.CLIENT_TO_SERVER, switches, counters,
				this);
		this.downstream = new ProxyPipe(name + "-down", server, client, Direction.SERVER_TO_CLIENT, switches, counters,
				this);
	}

	void start() {
		this.upstream.start();
		this.downstream.start();
	}

	Thread thread(Runnable body, String threadName) {
		this.liveThreads.incrementAndGet();
		Thread thread = new Thread(() -> {
			try {
				body.run();
			}
			finally {
				if (this.liveThreads.decrementAndGet() == 0) {
					this.onGone.accept(this);
				}
			}
		}, threadName);
		thread.setDaemon(true);
		return thread;
	}

	void wake() {
		this.upstream.wake();
		this.downstream.wake();
	}

	/**
	 * Ends both sides with RST, as a crashed middlebox or a reset route would.
	 */
	void reset() {
		end(true);
	}

	/**
	 * Ends both sides with FIN, as a middlebox closing idle connections would.
	 */
	void finish() {
		shutdownOutput(this.client);
		shutdownOutput(this.server);
		end(false);
	}

	void broken() {
		end(true);
	}

	void halfClosed() {
		if (this.halfClosed.incrementAndGet() == 2) {
			end(false);
		}
	}

	void join(long millis) throws InterruptedException {
		this.upstream.join(millis);
		this.downstream.join(millis);
	}

	private void end(boolean abortive) {
		if (!this.ended.compareAndSet(false, true)) {
			return;
		}
		this.upstream.stop();
		this.downstream.stop();
		if (abortive) {
			lingerZero(this.client);
			lingerZero(this.server);
		}
		ChaosProxy.closeQuietly(this.client);
		ChaosProxy.closeQuietly(this.server);
	}

	private static void lingerZero(Socket socket) {
		try {
			socket.setSoLinger(true, 0);
		}
		catch (IOException ex) {
			// already closed: nothing left to reset
		}
	}

	private static void shutdownOutput(Socket socket) {
		try {
			socket.shutdownOutput();
		}
		catch (IOException ex) {
			// already closed or shut down
		}
	}

	@Override
	public String toString() {
		return this.name;
	}

}
