package dev.deepstreamrpc.embedded;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * Builds each connection's pipeline: HTTP, the path filter, Netty's WebSocket server
 * handlers limited to {@code maxMessageSize}, and the deepstream handler.
 * <p>
 * Shared by all connections; immutable and thread-safe.
 */
final class DeepstreamChannelInitializer extends ChannelInitializer<SocketChannel> {

	private static final int MAX_HANDSHAKE_SIZE = 64 * 1024;

	private final ServerContext context;

	private final WebSocketServerProtocolConfig webSocketConfig;

	DeepstreamChannelInitializer(ServerContext context) {
		this.context = context;
		this.webSocketConfig = WebSocketServerProtocolConfig.newBuilder()
			.websocketPath(HttpRequestFilter.PATH)
			.checkStartsWith(false)
			.handleCloseFrames(true)
			.sendCloseFrame(null)
			.decoderConfig(WebSocketDecoderConfig.newBuilder()
				.maxFramePayloadLength(context.settings().maxMessageSize())
				.allowExtensions(false)
				.closeOnProtocolViolation(true)
				.build())
			.build();
	}

	@Override
	protected void initChannel(SocketChannel channel) {
		channel.pipeline()
			.addLast(new HttpServerCodec())
			.addLast(new HttpObjectAggregator(MAX_HANDSHAKE_SIZE))
			.addLast(new HttpRequestFilter())
			.addLast(new WebSocketServerProtocolHandler(this.webSocketConfig))
			.addLast(new WebSocketFrameAggregator(this.context.settings().maxMessageSize()))
			.addLast(new DeepstreamFrameHandler(this.context));
	}

}
