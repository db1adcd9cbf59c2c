package dev.deepstreamrpc.embedded;

import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * The bound server socket and the one event loop thread that runs everything: accepting,
 * WebSocket framing, routing and timers. One thread, like the single-threaded Node
 * server, keeps message and timer order identical to it and needs no locks; no message
 * ever changes threads.
 * <p>
 * Thread-safe: the fields are final and cross-thread requests are run on the event loop.
 */
final class RunningServer {

	private static final long SHUTDOWN_TIMEOUT_SECONDS = 5;

	private final EventLoopGroup group;

	private final EventLoop eventLoop;

	private final Channel serverChannel;

	private final Connections connections;

	private RunningServer(EventLoopGroup group, EventLoop eventLoop, Channel serverChannel, Connections connections) {
		this.group = group;
		this.eventLoop = eventLoop;
		this.serverChannel = serverChannel;
		this.connections = connections;
	}

	static RunningServer start(EmbeddedSettings settings, DefaultFaultInjection faults) {
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("deepstream-embedded", true),
				NioIoHandler.newFactory());
		try {
			EventLoop eventLoop = group.next();
			Connections connections = new Connections();
			ServerContext context = new ServerContext(settings, new Authenticator(settings.users()),
					new RpcRouter(settings, faults, eventLoop), connections, faults);
			Channel channel = new ServerBootstrap().group(group)
				.channel(NioServerSocketChannel.class)
				.childOption(ChannelOption.TCP_NODELAY, true)
				.childHandler(new DeepstreamChannelInitializer(context))
				.bind(settings.host(), settings.port())
				.syncUninterruptibly()
				.channel();
			return new RunningServer(group, eventLoop, channel, connections);
		}
		catch (Exception ex) {
			group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS).syncUninterruptibly();
			throw new IllegalStateException(
					"Could not bind the embedded deepstream server to " + settings.host() + ":" + settings.port(), ex);
		}
	}

	int port() {
		return ((InetSocketAddress) this.serverChannel.localAddress()).getPort();
	}

	boolean isActive() {
		return this.serverChannel.isActive();
	}

	/**
	 * Aborts connections on the event loop and waits for it.
	 * @param username only connections of this user, or {@code null} for all
	 * @return how many connections were aborted
	 */
	int abort(@Nullable String username) {
		if (this.eventLoop.inEventLoop()) {
			return this.connections.abort(username);
		}
		try {
			return this.eventLoop.submit(() -> this.connections.abort(username)).syncUninterruptibly().getNow();
		}
		catch (RejectedExecutionException ex) {
			return 0;
		}
	}

	/**
	 * Closes the server socket and every connection, and waits until the event loop
	 * thread has ended.
	 */
	void stop() {
		this.serverChannel.close().syncUninterruptibly();
		this.group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS).syncUninterruptibly();
	}

}
