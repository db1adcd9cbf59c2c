package dev.deepstreamrpc.embedded;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one connection's outbound frames, one deepstream message per WebSocket frame,
 * holding them back while fault injection delays messages without ever reordering them.
 * <p>
 * Confined to the connection's event loop. Netty's own outbound buffer is not bounded, as
 * the real server's is not: a client that stops reading makes the server buffer.
 */
final class Outbox {

	private static final Logger logger = LoggerFactory.getLogger(Outbox.class);

	private static final int MAX_HELD_BACK = 65_536;

	private final Channel channel;

	private final LongSupplier delayNanos;

	/**
	 * Frames held back by a delay, oldest first; at most 65,536, beyond that the
	 * connection is aborted.
	 */
	private final ArrayDeque<HeldBack> heldBack = new ArrayDeque<>();

	/**
	 * When the newest held-back frame is due, so that a shorter delay never overtakes it.
	 */
	private long lastDueNanos;

	/** Whether the close frame was queued, after which nothing more is sent. */
	private boolean closing;

	Outbox(Channel channel, LongSupplier delayNanos) {
		this.channel = channel;
		this.delayNanos = delayNanos;
	}

	/**
	 * Sends one message.
	 * @param frame the encoded message
	 */
	void send(byte[] frame) {
		if (!this.closing) {
			enqueue(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frame)));
		}
	}

	/**
	 * Sends a close frame without a status code, as the real server does, once every
	 * message before it was sent, and then closes the connection.
	 */
	void close() {
		if (!this.closing) {
			this.closing = true;
			enqueue(new CloseWebSocketFrame());
		}
	}

	private void enqueue(WebSocketFrame frame) {
		long delay = this.delayNanos.getAsLong();
		if (delay == 0 && this.heldBack.isEmpty()) {
			write(frame);
			return;
		}
		if (this.heldBack.size() >= MAX_HELD_BACK) {
			frame.release();
			logger.warn("More than {} delayed messages for {}, aborting it", MAX_HELD_BACK, this.channel);
			this.channel.close();
			return;
		}
		this.lastDueNanos = Math.max(System.nanoTime() + delay, this.lastDueNanos);
		this.heldBack.add(new HeldBack(frame, this.lastDueNanos));
		if (this.heldBack.size() == 1) {
			scheduleRelease(this.lastDueNanos);
		}
	}

	private void scheduleRelease(long dueNanos) {
		this.channel.eventLoop()
			.schedule(this::release, Math.max(0, dueNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
	}

	private void release() {
		long now = System.nanoTime();
		HeldBack next;
		while ((next = this.heldBack.peek()) != null && next.dueNanos <= now) {
			write(this.heldBack.poll().frame);
		}
		if (next != null) {
			scheduleRelease(next.dueNanos);
		}
	}

	private void write(WebSocketFrame frame) {
		if (!this.channel.isActive()) {
			frame.release();
			return;
		}
		if (frame instanceof CloseWebSocketFrame) {
			this.channel.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE);
		}
		else {
			this.channel.writeAndFlush(frame, this.channel.voidPromise());
		}
	}

	/**
	 * Releases the held-back frames of a closed connection.
	 */
	void discard() {
		HeldBack next;
		while ((next = this.heldBack.poll()) != null) {
			next.frame.release();
		}
	}

	/**
	 * A frame waiting for its time.
	 *
	 * @param frame the frame
	 * @param dueNanos when to write it, in {@link System#nanoTime()} terms
	 */
	private record HeldBack(WebSocketFrame frame, long dueNanos) {

	}

}
