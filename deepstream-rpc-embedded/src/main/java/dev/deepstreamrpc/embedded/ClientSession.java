package dev.deepstreamrpc.embedded;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.deepstreamrpc.wire.AuthAction;
import dev.deepstreamrpc.wire.ConnectionAction;
import dev.deepstreamrpc.wire.FrameCodec;
import dev.deepstreamrpc.wire.InboundMessageHandler;
import dev.deepstreamrpc.wire.MalformedFrameException;
import dev.deepstreamrpc.wire.proto.AuthMessage;
import dev.deepstreamrpc.wire.proto.ConnectionMessage;
import dev.deepstreamrpc.wire.proto.ParserMessage;
import dev.deepstreamrpc.wire.proto.RpcMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;

/**
 * One client connection from WebSocket open to close: the challenge, the login with its
 * attempts and timeout, and what each message means in each {@link SessionState}, as in
 * the real server's connection endpoint.
 * <p>
 * Confined to the server's event loop.
 */
final class ClientSession implements InboundMessageHandler {

	private static final Duration CLOSE_AFTER_TOO_MANY_ATTEMPTS = Duration.ofMillis(10);

	private final Channel channel;

	private final ServerContext context;

	private final Outbox outbox;

	private final GracefulCloseHandler closeHandler = new GracefulCloseHandler();

	private final HeartbeatMonitor heartbeat;

	/** Where the connection is in its lifecycle. */
	private SessionState state = SessionState.AWAITING_CHALLENGE;

	/** How many logins were refused on this connection. */
	private int failedLogins;

	/** The logged-in user's id; {@code null} before login. */
	private @Nullable String userId;

	/** The logged-in user's client data as JSON; {@code null} for none. */
	private @Nullable String clientData;

	/**
	 * Closes the connection if no login result comes in time; cancelled by the first one.
	 */
	private @Nullable ScheduledFuture<?> loginTimeout;

	ClientSession(Channel channel, ServerContext context) {
		this.channel = channel;
		this.context = context;
		this.outbox = new Outbox(channel, context.faults()::delayNanos);
		this.heartbeat = new HeartbeatMonitor(context.settings().heartbeatInterval());
	}

	/**
	 * Starts the login timeout and the heartbeat check when the WebSocket opens.
	 */
	void open() {
		this.channel.pipeline().addFirst(this.closeHandler);
		this.loginTimeout = schedule(this::onLoginTimeout, this.context.settings().unauthenticatedClientTimeout());
		this.heartbeat.start(this.channel.eventLoop(), this::destroy);
		this.context.connections().add(this);
	}

	void onBinaryMessage(ByteBuf content) {
		this.heartbeat.received();
		if (this.state == SessionState.CLOSING || this.state == SessionState.CLOSED) {
			return;
		}
		try {
			FrameCodec.decode(content.nioBuffer(), this);
		}
		catch (MalformedFrameException ex) {
			onUnexpected();
		}
	}

	void onTextMessage() {
		this.heartbeat.received();
		destroy();
	}

	@Override
	public void onConnection(ConnectionMessage message) {
		int action = message.getAction();
		switch (this.state) {
			case AWAITING_CHALLENGE -> {
				if (action == ConnectionAction.CHALLENGE) {
					moveTo(SessionState.AWAITING_LOGIN);
					send(ServerMessages.connection(ConnectionAction.ACCEPT));
				}
			}
			case AWAITING_LOGIN -> {
				if (action != ConnectionAction.PING) {
					send(ServerMessages.auth(AuthAction.INVALID_MESSAGE));
				}
			}
			case OPEN -> send((action == ConnectionAction.PING) ? ServerMessages.connection(ConnectionAction.PONG)
					: ServerMessages.unknownTopic());
			default -> {
			}
		}
	}

	@Override
	public void onAuth(AuthMessage message) {
		if (this.state == SessionState.AWAITING_LOGIN) {
			onLoginRequest(message);
		}
		else {
			onUnexpected();
		}
	}

	@Override
	public void onRpc(RpcMessage message) {
		if (this.state == SessionState.OPEN) {
			this.context.router().onMessage(this, message);
		}
		else {
			onUnexpected();
		}
	}

	@Override
	public void onParser(ParserMessage message) {
		onUnexpected();
	}

	@Override
	public void onOtherTopic(int topic) {
		onUnexpected();
	}

	private void onUnexpected() {
		switch (this.state) {
			case AWAITING_CHALLENGE -> send(ServerMessages.connection(ConnectionAction.INVALID_MESSAGE));
			case AWAITING_LOGIN -> send(ServerMessages.auth(AuthAction.INVALID_MESSAGE));
			case OPEN -> send(ServerMessages.unknownTopic());
			default -> {
			}
		}
	}

	private void onLoginRequest(AuthMessage message) {
		LoginResult result = (message.getAction() == AuthAction.REQUEST)
				? this.context.authenticator().authenticate(message.hasData() ? message.getData() : null)
				: LoginResult.invalidData();
		switch (result.outcome()) {
			case ACCEPTED -> loggedIn(result);
			case REFUSED -> loginRefused(result);
			case INVALID_DATA -> {
				send(ServerMessages.auth(AuthAction.INVALID_MESSAGE_DATA));
				destroy();
			}
		}
	}

	private void loggedIn(LoginResult result) {
		cancel(this.loginTimeout);
		this.userId = result.userId();
		this.clientData = result.clientData();
		moveTo(SessionState.OPEN);
		send(ServerMessages.auth(AuthAction.AUTH_SUCCESSFUL, result.replyData()));
	}

	private void loginRefused(LoginResult result) {
		cancel(this.loginTimeout);
		send(ServerMessages.auth(AuthAction.AUTH_UNSUCCESSFUL, result.replyData()));
		if (++this.failedLogins >= this.context.settings().maxAuthAttempts()) {
			send(ServerMessages.auth(AuthAction.TOO_MANY_AUTH_ATTEMPTS));
			moveTo(SessionState.CLOSING);
			schedule(this.outbox::close, CLOSE_AFTER_TOO_MANY_ATTEMPTS);
		}
	}

	private void onLoginTimeout() {
		send(ServerMessages.connection(ConnectionAction.AUTHENTICATION_TIMEOUT));
		destroy();
	}

	/**
	 * Sends one message, unless the connection is closing or gone.
	 * @param frame the encoded message
	 */
	void send(byte[] frame) {
		this.outbox.send(frame);
	}

	/**
	 * Closes the connection the way the real server does: a close frame without status
	 * after the messages already sent.
	 */
	void destroy() {
		if (this.state != SessionState.CLOSING && this.state != SessionState.CLOSED) {
			moveTo(SessionState.CLOSING);
		}
		this.outbox.close();
	}

	/**
	 * Aborts the connection: the TCP connection is reset without a close frame.
	 */
	void abort() {
		this.closeHandler.abort();
	}

	/**
	 * Cleans up after the connection closed, for whatever reason.
	 */
	void onClosed() {
		this.state = SessionState.CLOSED;
		cancel(this.loginTimeout);
		this.heartbeat.stop();
		this.outbox.discard();
		this.context.connections().remove(this);
		this.context.router().onClosed(this);
	}

	@Nullable String userId() {
		return this.userId;
	}

	@Nullable String clientData() {
		return this.clientData;
	}

	private void moveTo(SessionState next) {
		if (!this.state.canMoveTo(next)) {
			throw new IllegalStateException("Cannot move from " + this.state + " to " + next);
		}
		this.state = next;
	}

	private ScheduledFuture<?> schedule(Runnable task, Duration delay) {
		return this.channel.eventLoop().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
	}

	private static void cancel(@Nullable ScheduledFuture<?> timer) {
		if (timer != null) {
			timer.cancel(false);
		}
	}

	@Override
	public String toString() {
		return "ClientSession[" + this.channel.remoteAddress() + ", " + this.state + ", user=" + this.userId + "]";
	}

}
