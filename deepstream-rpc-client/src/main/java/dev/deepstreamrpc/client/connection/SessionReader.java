package dev.deepstreamrpc.client.connection;

import java.io.IOException;
import java.nio.ByteBuffer;

import dev.deepstreamrpc.client.transport.TransportListener;
import dev.deepstreamrpc.wire.AuthAction;
import dev.deepstreamrpc.wire.ConnectionAction;
import dev.deepstreamrpc.wire.FrameCodec;
import dev.deepstreamrpc.wire.InboundMessageHandler;
import dev.deepstreamrpc.wire.MalformedFrameException;
import dev.deepstreamrpc.wire.proto.AuthMessage;
import dev.deepstreamrpc.wire.proto.ConnectionMessage;
import dev.deepstreamrpc.wire.proto.ParserMessage;
import dev.deepstreamrpc.wire.proto.RpcMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one session's socket: decodes each frame and routes it to the handshake or to the
 * RPC layer. Every failure is contained to the message that caused it, so that nothing
 * ever escapes into the transport's thread.
 * <p>
 * Called only by the transport's listener thread, one message at a time.
 */
final class SessionReader implements TransportListener, InboundMessageHandler {

	private static final Logger logger = LoggerFactory.getLogger(SessionReader.class);

	private final Session session;

	private final Connection connection;

	SessionReader(Session session, Connection connection) {
		this.session = session;
		this.connection = connection;
	}

	@Override
	public void onMessage(ByteBuffer message) {
		try {
			FrameCodec.decode(message, this);
		}
		catch (MalformedFrameException ex) {
			logger.debug("Dropped a malformed frame on session {}", this.session.id(), ex);
		}
		catch (RuntimeException ex) {
			logger.warn("Failed to handle a message on session {}", this.session.id(), ex);
		}
	}

	@Override
	public void onTextMessage(CharSequence message) {
		logger.debug("Ignored a text message on session {}", this.session.id());
	}

	@Override
	public void onClosed(@Nullable Throwable cause) {
		this.session.failed(cause);
	}

	@Override
	public void onConnection(ConnectionMessage message) {
		switch (message.getAction()) {
			case ConnectionAction.ACCEPT -> this.connection.challengeAccepted(this.session);
			case ConnectionAction.PONG -> this.session.ponged();
			case ConnectionAction.AUTHENTICATION_TIMEOUT ->
				this.session.end(new IOException("The server timed out the login"));
			case ConnectionAction.REJECT -> this.session.end(new IOException("The server rejected the connection"));
			default ->
				logger.debug("Ignored connection action {} on session {}", message.getAction(), this.session.id());
		}
	}

	@Override
	public void onAuth(AuthMessage message) {
		switch (message.getAction()) {
			case AuthAction.AUTH_SUCCESSFUL -> this.connection.loggedIn(this.session);
			case AuthAction.AUTH_UNSUCCESSFUL -> this.connection.loginRefused(this.session, message.hasData()
					? "invalid authentication data " + message.getData() : "invalid authentication data");
			case AuthAction.TOO_MANY_AUTH_ATTEMPTS ->
				this.connection.loginRefused(this.session, "too many authentication attempts");
			case AuthAction.INVALID_MESSAGE_DATA ->
				this.connection.loginRefused(this.session, "authentication data is not a JSON object");
			default ->
				logger.debug("Ignored authentication action {} on session {}", message.getAction(), this.session.id());
		}
	}

	@Override
	public void onRpc(RpcMessage message) {
		if (this.session.isLoggedIn()) {
			this.connection.rpcMessage(this.session, message);
		}
	}

	@Override
	public void onParser(ParserMessage message) {
		logger.debug("The server could not process a message on session {} (parser action {})", this.session.id(),
				message.getAction());
	}

	@Override
	public void onOtherTopic(int topic) {
		logger.debug("Ignored a message of topic {} on session {}", topic, this.session.id());
	}

}
