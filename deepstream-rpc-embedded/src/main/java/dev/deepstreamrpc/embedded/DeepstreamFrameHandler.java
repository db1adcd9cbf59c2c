package dev.deepstreamrpc.embedded;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects Netty's WebSocket layer to one {@link ClientSession}: complete messages in,
 * lifecycle events and failures translated into what the session understands.
 * <p>
 * One instance per connection; confined to its event loop.
 */
final class DeepstreamFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

	private static final Logger logger = LoggerFactory.getLogger(DeepstreamFrameHandler.class);

	private final ServerContext context;

	/** The session, created when the WebSocket handshake completes. */
	private @Nullable ClientSession session;

	DeepstreamFrameHandler(ServerContext context) {
		this.context = context;
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
		if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
			session(ctx);
		}
		super.userEventTriggered(ctx, event);
	}

	@Override
	protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
		if (frame instanceof BinaryWebSocketFrame) {
			session(ctx).onBinaryMessage(frame.content());
		}
		else if (frame instanceof TextWebSocketFrame) {
			session(ctx).onTextMessage();
		}
	}

	private ClientSession session(ChannelHandlerContext ctx) {
		ClientSession current = this.session;
		if (current == null) {
			current = new ClientSession(ctx.channel(), this.context);
			this.session = current;
			current.open();
		}
		return current;
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		if (this.session != null) {
			this.session.onClosed();
		}
		super.channelInactive(ctx);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (cause instanceof TooLongFrameException && ctx.channel().isActive()) {
			ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG))
				.addListener(ChannelFutureListener.CLOSE);
			return;
		}
		logger.debug("Closing {} after a failure", ctx.channel(), cause);
		ctx.close();
	}

}
