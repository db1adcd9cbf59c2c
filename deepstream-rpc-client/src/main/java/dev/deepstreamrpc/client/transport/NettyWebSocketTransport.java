package dev.deepstreamrpc.client.transport;

import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Transport} on Netty, for less CPU time per call when many calls are in flight.
 * The JDK's WebSocket writes every message on its own; here, the messages sent while the
 * event loop handles what it has just read (a provider's answers, a requestor's next
 * calls) and the messages other threads queue before the loop gets to them leave together
 * in one write. Calls made one after the other gain nothing from that and are somewhat
 * slower than on the JDK's WebSocket.
 * <p>
 * One event loop thread serves all the connections of a transport, so one transport can
 * be shared by several clients; create several to spread connections over more threads.
 * The client's callbacks on that thread decode, complete futures and hand provider
 * requests to the provider executor; a handler run on the I/O thread that blocks stalls
 * every connection of the transport. Needs {@code io.netty:netty-codec-http} on the class
 * path. {@linkplain #close() Close} the transport after the clients that use it.
 */
public final class NettyWebSocketTransport implements Transport, AutoCloseable {

	/**
	 * The default bound on bytes queued for sending on one connection, as for the JDK
	 * transport.
	 */
	public static final int DEFAULT_MAX_QUEUED_BYTES = JdkWebSocketTransport.DEFAULT_MAX_QUEUED_BYTES;

	private static final int MAX_HANDSHAKE_RESPONSE_BYTES = 64 * 1024;

	/**
	 * The largest message accepted from the server, far above its own limit (1 MB by
	 * default) so that the server's configuration decides, as with the JDK transport.
	 */
	private static final int MAX_RECEIVED_MESSAGE_BYTES = 64 * 1024 * 1024;

	private final EventLoopGroup eventLoop = new MultiThreadIoEventLoopGroup(1,
			new DefaultThreadFactory("deepstream-rpc-netty", true), NioIoHandler.newFactory());

	private final @Nullable SSLContext sslContext;

	private final int maxQueuedBytes;

	/**
	 * Creates a transport that trusts the JVM's default trust store for {@code wss://}.
	 */
	public NettyWebSocketTransport() {
		this(null, DEFAULT_MAX_QUEUED_BYTES);
	}

	/**
	 * Creates a transport.
	 * @param sslContext the context for {@code wss://} connections, or {@code null} for
	 * the JVM's default
	 * @param maxQueuedBytes the bound on bytes queued for sending on one connection
	 */
	public NettyWebSocketTransport(@Nullable SSLContext sslContext, int maxQueuedBytes) {
		if (maxQueuedBytes <= 0) {
			throw new IllegalArgumentException("maxQueuedBytes must be positive");
		}
		this.sslContext = sslContext;
		this.maxQueuedBytes = maxQueuedBytes;
	}

	@Override
	public CompletableFuture<TransportConnection> connect(URI uri, Duration timeout, TransportListener listener) {
		NettyWebSocketConnection connection = new NettyWebSocketConnection(listener, this.maxQueuedBytes);
		boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
		int port = (uri.getPort() != -1) ? uri.getPort() : (secure ? 443 : 80);
		SslContext ssl;
		try {
			ssl = secure ? sslContext() : null;
		}
		catch (NoSuchAlgorithmException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		WebSocketClientProtocolConfig handshake = WebSocketClientProtocolConfig.newBuilder()
			.webSocketUri(uri)
			.maxFramePayloadLength(MAX_RECEIVED_MESSAGE_BYTES)
			.handshakeTimeoutMillis(timeout.toMillis())
			.handleCloseFrames(false)
			.dropPongFrames(true)
			.build();
		new Bootstrap().group(this.eventLoop)
			.channel(NioSocketChannel.class)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
			.option(ChannelOption.TCP_NODELAY, true)
			.handler(new ChannelInitializer<>() {

				@Override
				protected void initChannel(Channel channel) {
					if (ssl != null) {
						channel.pipeline().addLast(sslHandler(ssl, channel, uri.getHost(), port));
					}
					channel.pipeline()
						.addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_HANDSHAKE_RESPONSE_BYTES),
								new WebSocketClientProtocolHandler(handshake),
								new WebSocketFrameAggregator(MAX_RECEIVED_MESSAGE_BYTES), connection);
				}

			})
			.connect(uri.getHost(), port)
			.addListener((ChannelFutureListener) (connected) -> {
				if (!connected.isSuccess()) {
					connection.failedToOpen(connected.cause());
				}
			});
		return connection.opened();
	}

	private SslContext sslContext() throws NoSuchAlgorithmException {
		SSLContext context = (this.sslContext != null) ? this.sslContext : SSLContext.getDefault();
		return new JdkSslContext(context, true, ClientAuth.NONE);
	}

	private static SslHandler sslHandler(SslContext ssl, Channel channel, String host, int port) {
		SslHandler handler = ssl.newHandler(channel.alloc(), host, port);
		SSLEngine engine = handler.engine();
		SSLParameters parameters = engine.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		engine.setSSLParameters(parameters);
		return handler;
	}

	/**
	 * Stops the event loop thread, which closes any connection still open.
	 */
	@Override
	public void close() {
		this.eventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
	}

}
