package dev.deepstreamrpc.spring.transport;

import java.io.IOException;

import jakarta.websocket.WebSocketContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.ClassUtils;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * What the transport needs from a session beyond Spring's API, done the container's way
 * where Spring offers nothing: above all, a drop that does not wait for the peer, which
 * {@link WebSocketSession#close} does.
 * <p>
 * Stateless and thread-safe.
 */
final class WebSocketSessions {

	private static final Logger logger = LoggerFactory.getLogger(WebSocketSessions.class);

	private static final boolean TOMCAT_PRESENT = ClassUtils.isPresent("org.apache.tomcat.websocket.WsSession",
			WebSocketSessions.class.getClassLoader());

	private WebSocketSessions() {
	}

	/**
	 * Drops the session at once. On Tomcat the socket is closed right after a close frame
	 * that may take at most Tomcat's abnormal-close send timeout (50 ms by default), with
	 * no wait for the peer's reply; elsewhere the session is closed with
	 * {@link CloseStatus#GOING_AWAY}, whose handshake the container may still wait for.
	 * @param session the session
	 */
	static void terminate(WebSocketSession session) {
		if (TOMCAT_PRESENT && session instanceof NativeWebSocketSession nativeSession
				&& TomcatWebSockets.terminate(nativeSession.getNativeSession())) {
			return;
		}
		try {
			session.close(CloseStatus.GOING_AWAY);
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Failed to close WebSocket session {}", session.getId(), ex);
		}
	}

	/**
	 * Raises the largest binary message the session accepts, which containers read at the
	 * start of each message.
	 * @param session the session
	 * @param maxSize the largest message in bytes
	 */
	static void limitInboundMessages(WebSocketSession session, int maxSize) {
		try {
			session.setBinaryMessageSizeLimit(maxSize);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not set the message size limit of WebSocket session {}", session.getId(), ex);
		}
	}

	/**
	 * Destroys a container that has a way to be destroyed, which Tomcat's has.
	 * @param container the container
	 */
	static void destroy(WebSocketContainer container) {
		if (TOMCAT_PRESENT) {
			TomcatWebSockets.destroy(container);
		}
	}

}
