package dev.deepstreamrpc.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

import dev.deepstreamrpc.test.ChaosProxy.Direction;
import org.jspecify.annotations.Nullable;

/**
 * One direction of a proxied connection: a reader thread that takes chunks off the source
 * socket as fast as they come, and a writer thread that holds each chunk until the
 * current latency says it is due, so that latency delays bytes without throttling them.
 * <p>
 * Thread-safe. {@code queue} and {@code stopped} are guarded by this object's monitor,
 * which is also what the writer waits on and what {@link #wake()} notifies when a switch
 * changes. The queue holds at most {@value #CAPACITY} chunks of at most
 * {@value #CHUNK_SIZE} bytes; when it is full the reader stops reading, so the sender
 * feels ordinary TCP back-pressure.
 */
final class ProxyPipe {

	static final int CHUNK_SIZE = 16 * 1024;

	static final int CAPACITY = 256;

	private final Socket from;

	private final Socket to;

	private final Direction direction;

	private final ChaosSwitches switches;

	private final TrafficCounters counters;

	private final ProxiedConnection owner;

	private final WebSocketFrameTracker frames;

	private final Deque<Chunk> queue = new ArrayDeque<>();

	private final Thread reader;

	private final Thread writer;

	private boolean stopped;

	ProxyPipe(String name, Socket from, Socket to, Direction direction, ChaosSwitches switches,
			TrafficCounters counters, ProxiedConnection owner) {
		this.from = from;
		this.to = to;
		this.direction = direction;
		this.switches = switches;
		this.counters = counters;
		this.owner = owner;
		this.frames = new WebSocketFrameTracker(this::claimCorruption);
		this.reader = owner.thread(this::read, name + "-read");
		this.writer = owner.thread(this::write, name + "-write");
	}

	void start() {
		this.reader.start();
		this.writer.start();
	}

	synchronized void wake() {
		notifyAll();
	}

	synchronized void stop() {
		this.stopped = true;
		this.queue.clear();
		notifyAll();
	}

	void join(long millis) throws InterruptedException {
		this.reader.join(millis);
		this.writer.join(millis);
	}

	private void read() {
		byte[] buffer = new byte[CHUNK_SIZE];
		try {
			InputStream in = this.from.getInputStream();
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				this.counters.received(this.direction, read);
				this.frames.process(buffer, read);
				if (this.switches.blackholed(this.direction)) {
					this.counters.dropped(this.direction, read);
				}
				else if (!offer(
						new Chunk(Arrays.copyOf(buffer, read), System.nanoTime(), ChaosSwitches.jitterDraw()))) {
					return;
				}
			}
			offer(new Chunk(null, System.nanoTime(), 0));
		}
		catch (IOException ex) {
			this.owner.broken();
		}
	}

	private boolean claimCorruption() {
		boolean claimed = this.switches.claimCorruption(this.direction);
		if (claimed) {
			this.counters.countCorrupted(this.direction);
		}
		return claimed;
	}

	private synchronized boolean offer(Chunk chunk) {
		while (!this.stopped && this.queue.size() >= CAPACITY) {
			waitNanos(0);
		}
		if (this.stopped) {
			return false;
		}
		this.queue.add(chunk);
		notifyAll();
		return true;
	}

	private void write() {
		try {
			OutputStream out = this.to.getOutputStream();
			for (Chunk chunk = next(); chunk != null; chunk = next()) {
				if (chunk.bytes() == null) {
					this.to.shutdownOutput();
					this.owner.halfClosed();
					return;
				}
				if (this.switches.blackholed(this.direction)) {
					this.counters.dropped(this.direction, chunk.bytes().length);
				}
				else {
					send(out, chunk.bytes());
				}
			}
		}
		catch (IOException ex) {
			this.owner.broken();
		}
	}

	private synchronized @Nullable Chunk next() {
		while (!this.stopped) {
			Chunk head = this.queue.peek();
			if (head == null) {
				waitNanos(0);
				continue;
			}
			long wait = this.switches.dueNanos(this.direction, head.arrivalNanos(), head.jitterDraw())
					- System.nanoTime();
			if (wait > 0) {
				waitNanos(wait);
				continue;
			}
			this.queue.poll();
			notifyAll();
			return head;
		}
		return null;
	}

	private void send(OutputStream out, byte[] bytes) throws IOException {
		int offset = 0;
		while (offset < bytes.length) {
			int slice = this.switches.sliceSize();
			int length = (slice > 0) ? Math.min(slice, bytes.length - offset) : bytes.length - offset;
			out.write(bytes, offset, length);
			out.flush();
			this.counters.forwarded(this.direction, length);
			offset += length;
			if (slice > 0 && offset < bytes.length) {
				pauseBetweenSlices();
			}
		}
	}

	private synchronized void pauseBetweenSlices() {
		long end = System.nanoTime() + this.switches.sliceDelayNanos();
		for (long wait = end - System.nanoTime(); wait > 0 && !this.stopped
				&& this.switches.sliceSize() > 0; wait = end - System.nanoTime()) {
			waitNanos(wait);
		}
	}

	private void waitNanos(long nanos) {
		try {
			if (nanos > 0) {
				TimeUnit.NANOSECONDS.timedWait(this, nanos);
			}
			else {
				wait();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.stopped = true;
		}
	}

	/**
	 * Bytes read at one moment, or the end of the stream when {@code bytes} is null.
	 *
	 * @param bytes the bytes, or {@code null} for the end of the stream
	 * @param arrivalNanos when they were read
	 * @param jitterDraw this chunk's jitter draw in {@code [-1, 1]}
	 */
	private record Chunk(byte @Nullable [] bytes, long arrivalNanos, double jitterDraw) {
	}

}
