package dev.deepstreamrpc.client.transport;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * One Netty WebSocket. Messages wait in a queue until the event loop drains it: at the
 * end of the read that produced them when sent from the loop itself, otherwise in one
 * task for everything queued in the meantime. Each drain ends in a single flush, so that
 * a batch of messages costs one write.
 * <p>
 * Thread-safe. {@code outbound}, {@code drainScheduled} and {@code closed} are touched by
 * any sending thread; {@code reading} only by the event loop.
 */
final class NettyWebSocketConnection extends ChannelInboundHandlerAdapter implements TransportConnection {

	private final TransportListener listener;

	private final SendQueue outbound;

	private final CompletableFuture<TransportConnection> opened = new CompletableFuture<>();

	private final AtomicBoolean drainScheduled = new AtomicBoolean();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final Runnable drain = this::drain;

	private volatile @Nullable Channel channel;

	private boolean reading;

	NettyWebSocketConnection(TransportListener listener, int maxQueuedBytes) {
		this.listener = listener;
		this.outbound = new SendQueue(maxQueuedBytes);
	}

	CompletableFuture<TransportConnection> opened() {
		return this.opened;
	}

	void failedToOpen(Throwable cause) {
		closed(cause);
	}

	@Override
	public boolean send(byte[] message) {
		Channel channel = this.channel;
		if (channel == null || this.closed.get() || !this.outbound.offer(message)) {
			return false;
		}
		EventLoop loop = channel.eventLoop();
		if (loop.inEventLoop()) {
			if (!this.reading) {
				drain();
			}
		}
		else if (this.drainScheduled.compareAndSet(false, true)) {
			try {
				loop.execute(this.drain);
			}
			catch (RejectedExecutionException ex) {
				closed(new IOException("The transport is closed", ex));
			}
		}
		return true;
	}

	/**
	 * Moves queued messages into the channel and flushes once. Stops while the channel is
	 * above its high water mark; {@link #channelWritabilityChanged} resumes.
	 */
	private void drain() {
		this.drainScheduled.set(false);
		Channel channel = this.channel;
		if (channel == null) {
			return;
		}
		boolean written = false;
		byte[] message;
		while (channel.isWritable() && (message = this.outbound.poll()) != null) {
			this.outbound.release(message);
			channel.write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(message)), channel.voidPromise());
			written = true;
		}
		if (written) {
			channel.flush();
		}
	}

	@Override
	public void abort() {
		closed(new IOException("WebSocket aborted"));
		Channel channel = this.channel;
		if (channel != null) {
			channel.close();
		}
	}

	/**
	 * Sends what is queued, then the close frame, and drops the connection once that is
	 * written.
	 */
	@Override
	public void close() {
		Channel channel = this.channel;
		if (channel == null || this.closed.get()) {
			return;
		}
		try {
			channel.eventLoop().execute(() -> {
				drain();
				channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
					.addListener((written) -> abort());
			});
		}
		catch (RejectedExecutionException ex) {
			abort();
		}
	}

	/**
	 * Ends the connection once. The listener hears of it only if the connection had
	 * opened; otherwise the failure goes to whoever waits for it to open.
	 */
	private void closed(Throwable cause) {
		if (this.closed.compareAndSet(false, true)) {
			this.outbound.clear();
			boolean opened = !this.opened.completeExceptionally(cause) && !this.opened.isCompletedExceptionally();
			if (opened) {
				this.listener.onClosed(cause);
			}
		}
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.channel = ctx.channel();
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
		if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
			this.opened.complete(this);
		}
		else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
			closed(new IOException("The WebSocket handshake timed out"));
			ctx.close();
		}
		ctx.fireUserEventTriggered(event);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object frame) {
		this.reading = true;
		try {
			if (this.closed.get()) {
				return;
			}
			if (frame instanceof BinaryWebSocketFrame binary) {
				this.listener.onMessage(binary.content().nioBuffer());
			}
			else if (frame instanceof TextWebSocketFrame text) {
				this.listener.onTextMessage(text.text());
			}
			else if (frame instanceof CloseWebSocketFrame close) {
				closed(new IOException("WebSocket closed by the server with status " + close.statusCode()));
				ctx.close();
			}
		}
		finally {
			ReferenceCountUtil.release(frame);
		}
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		this.reading = false;
		drain();
		ctx.fireChannelReadComplete();
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) {
		if (ctx.channel().isWritable()) {
			drain();
		}
		ctx.fireChannelWritabilityChanged();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		closed(new IOException("WebSocket connection closed"));
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		closed(cause);
		ctx.close();
	}

}
