package dev.deepstreamrpc.embedded;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * Closes a WebSocket connection the way the real server's WebSocket library does: after
 * the server's close frame the TCP connection stays open with its input drained until the
 * client closes it or a grace period ends, so that a client still sending (say, the rest
 * of an oversized message) reads the close frame instead of a connection reset.
 * <p>
 * Sits first in the pipeline once the WebSocket is open. One instance per connection;
 * confined to its event loop.
 */
final class GracefulCloseHandler extends ChannelDuplexHandler {

	private static final long GRACE_PERIOD_MILLIS = 1000;

	/** This handler's context, set when it is added to the pipeline. */
	private @Nullable ChannelHandlerContext context;

	/** Whether a close was requested; from then on all input is discarded. */
	private boolean closing;

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.context = ctx;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object message) {
		if (this.closing) {
			ReferenceCountUtil.release(message);
			return;
		}
		ctx.fireChannelRead(message);
	}

	@Override
	public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
		if (!ctx.channel().isActive()) {
			ctx.close(promise);
			return;
		}
		if (!this.closing) {
			this.closing = true;
			ctx.channel().config().setAutoRead(true);
			ScheduledFuture<?> forced = ctx.executor()
				.schedule(() -> ctx.close(), GRACE_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
			ctx.channel().closeFuture().addListener((closed) -> forced.cancel(false));
		}
		ctx.channel().closeFuture().addListener((closed) -> promise.trySuccess());
	}

	/**
	 * Resets the TCP connection at once, without a close frame or grace period.
	 */
	void abort() {
		ChannelHandlerContext ctx = this.context;
		if (ctx != null) {
			ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
			ctx.close();
		}
	}

}
