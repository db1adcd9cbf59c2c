package dev.deepstreamrpc.wire;

/**
 * Actions of the authentication topic that a client sends or receives.
 */
public final class AuthAction {

	public static final int REQUEST = 2;

	public static final int AUTH_SUCCESSFUL = 3;

	public static final int AUTH_UNSUCCESSFUL = 4;

	public static final int TOO_MANY_AUTH_ATTEMPTS = 100;

	public static final int INVALID_MESSAGE = 101;

	public static final int INVALID_MESSAGE_DATA = 102;

	private AuthAction() {
	}

}
