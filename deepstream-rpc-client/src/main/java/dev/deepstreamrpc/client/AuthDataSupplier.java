package dev.deepstreamrpc.client;

import java.util.Map;

/**
 * Supplies the authentication data object for each login, so that short-lived tokens can
 * be refreshed before every reconnect. Called on the client's I/O thread: keep it quick.
 */
@FunctionalInterface
public interface AuthDataSupplier {

	/**
	 * The authentication data for the next login, for example {@code {"username": "...",
	 * "password": "..."}} or {@code {"token": "..."}}.
	 * @return the authentication data
	 */
	Map<String, ?> get();

}
