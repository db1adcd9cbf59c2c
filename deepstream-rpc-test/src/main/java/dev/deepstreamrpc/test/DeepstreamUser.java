package dev.deepstreamrpc.test;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A user of the server's file authentication, so that tests can log in with credentials
 * and see per-user client data and permission rules at work.
 *
 * @param username the name to log in with, which becomes the user id
 * @param password the clear-text password
 * @param clientData what the server sends to the client on login (and as requestor data),
 * or {@code null} for none
 * @param serverData what permission rules see as {@code user.data}, or {@code null} for
 * none
 */
public record DeepstreamUser(String username, String password, @Nullable Map<String, ?> clientData,
		@Nullable Map<String, ?> serverData) {

	/**
	 * Checks the arguments.
	 * @param username the name to log in with
	 * @param password the clear-text password
	 * @param clientData the client data, or {@code null}
	 * @param serverData the server data, or {@code null}
	 */
	public DeepstreamUser {
		Objects.requireNonNull(username, "username");
		Objects.requireNonNull(password, "password");
	}

	/**
	 * Creates a user without client or server data.
	 * @param username the name to log in with
	 * @param password the clear-text password
	 * @return the user
	 */
	public static DeepstreamUser of(String username, String password) {
		return new DeepstreamUser(username, password, null, null);
	}

	/**
	 * Returns a copy with client data.
	 * @param clientData what the server sends to the client on login
	 * @return the new user
	 */
	public DeepstreamUser withClientData(Map<String, ?> clientData) {
		return new DeepstreamUser(this.username, this.password, clientData, this.serverData);
	}

	/**
	 * Returns a copy with server data.
	 * @param serverData what permission rules see as {@code user.data}
	 * @return the new user
	 */
	public DeepstreamUser withServerData(Map<String, ?> serverData) {
		return new DeepstreamUser(this.username, this.password, this.clientData, serverData);
	}

	/**
	 * Returns the login data for this user, as passed to a client's login.
	 * @return {@code {username, password}}
	 */
	public Map<String, Object> authData() {
		return Map.of("username", this.username, "password", this.password);
	}

}
