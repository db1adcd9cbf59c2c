package dev.deepstreamrpc.client.connection;

import java.io.IOException;

/**
 * The server refused the login, so that callers can tell it from a network failure.
 */
public class LoginRefusedException extends IOException {

	public LoginRefusedException(String message) {
		super(message);
	}

}
