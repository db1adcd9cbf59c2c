package dev.deepstreamrpc.wire;

/**
 * Actions of the connection topic that a client sends or receives.
 */
public final class ConnectionAction {

	public static final int PING = 2;

	public static final int PONG = 3;

	public static final int ACCEPT = 4;

	public static final int CHALLENGE = 5;

	public static final int REJECT = 6;

	public static final int REDIRECT = 7;

	public static final int AUTHENTICATION_TIMEOUT = 100;

	public static final int INVALID_MESSAGE = 101;

	private ConnectionAction() {
	}

}
