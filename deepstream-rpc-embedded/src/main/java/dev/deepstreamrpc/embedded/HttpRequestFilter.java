package dev.deepstreamrpc.embedded;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Lets only WebSocket upgrades for exactly {@value #PATH} through, as the real server
 * does: WebSocket upgrades for any other path lose their TCP connection at once, and
 * other HTTP requests get the health check or a 404.
 * <p>
 * One instance per connection; confined to its event loop.
 */
final class HttpRequestFilter extends SimpleChannelInboundHandler<FullHttpRequest> {

	static final String PATH = "/deepstream";

	static final String HEALTH_CHECK_PATH = "/health-check";

	HttpRequestFilter() {
		super(false);
	}

	@Override
	protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
		if (isUpgrade(request) && PATH.equals(request.uri())) {
			ctx.pipeline().remove(this);
			ctx.fireChannelRead(request);
			return;
		}
		try {
			if (isUpgrade(request)) {
				ctx.close();
			}
			else {
				respond(ctx, request);
			}
		}
		finally {
			request.release();
		}
	}

	private static boolean isUpgrade(FullHttpRequest request) {
		return request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
				&& request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
	}

	private static void respond(ChannelHandlerContext ctx, FullHttpRequest request) {
		boolean healthCheck = HttpMethod.GET.equals(request.method()) && HEALTH_CHECK_PATH.equals(request.uri());
		FullHttpResponse response = healthCheck
				? new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER)
				: new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND,
						Unpooled.copiedBuffer("Endpoint not found.", StandardCharsets.UTF_8));
		response.headers()
			.set(HttpHeaderNames.CONTENT_TYPE,
					healthCheck ? HttpHeaderValues.APPLICATION_JSON : HttpHeaderValues.TEXT_PLAIN)
			.setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
			.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
	}

}
