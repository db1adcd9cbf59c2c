package dev.deepstreamrpc.spring.transport;

import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.WebSocketContainer;
import org.apache.tomcat.websocket.WsSession;
import org.apache.tomcat.websocket.WsWebSocketContainer;

/**
 * Tomcat's own ways to drop a session and to destroy a container, which the JSR-356 API
 * lacks; loaded only when Tomcat's WebSocket implementation is present.
 * <p>
 * Stateless and thread-safe.
 */
final class TomcatWebSockets {

	private static final CloseReason GOING_AWAY = new CloseReason(CloseCodes.GOING_AWAY, "");

	private static final CloseReason ABORTED = new CloseReason(CloseCodes.CLOSED_ABNORMALLY, "Aborted");

	private TomcatWebSockets() {
	}

	static boolean terminate(Object nativeSession) {
		if (nativeSession instanceof WsSession session) {
			session.doClose(GOING_AWAY, ABORTED, true);
			return true;
		}
		return false;
	}

	static void destroy(WebSocketContainer container) {
		if (container instanceof WsWebSocketContainer tomcat) {
			tomcat.destroy();
		}
	}

}
