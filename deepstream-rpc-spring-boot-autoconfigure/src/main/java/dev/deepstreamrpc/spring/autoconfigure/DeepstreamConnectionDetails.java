package dev.deepstreamrpc.spring.autoconfigure;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the deepstream server is and how to log in to it, so that the address can come
 * from properties, from a Testcontainers container or from an embedded server.
 */
public interface DeepstreamConnectionDetails extends ConnectionDetails {

	/**
	 * The WebSocket URL of the server's binary endpoint.
	 * @return the URL
	 */
	URI getUrl();

	/**
	 * The WebSocket URLs of the binary endpoints of all nodes the client may connect to,
	 * in the order to try them.
	 * @return the URLs, by default only {@link #getUrl()}
	 */
	default List<URI> getUrls() {
		return List.of(getUrl());
	}

	/**
	 * The authentication data object sent with every login.
	 * @return the authentication data, empty for open authentication
	 */
	default Map<String, Object> getAuthData() {
		return Map.of();
	}

}
