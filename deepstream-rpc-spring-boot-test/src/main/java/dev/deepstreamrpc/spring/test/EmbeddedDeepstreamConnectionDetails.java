package dev.deepstreamrpc.spring.test;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.deepstreamrpc.embedded.EmbeddedDeepstreamServer;
import dev.deepstreamrpc.spring.autoconfigure.DeepstreamConnectionDetails;
import dev.deepstreamrpc.spring.autoconfigure.DeepstreamRpcProperties;

/**
 * Points the client at the embedded server while keeping the configured login data, so
 * that a test logs in as the application would.
 */
class EmbeddedDeepstreamConnectionDetails implements DeepstreamConnectionDetails {

	private final EmbeddedDeepstreamServer server;

	private final DeepstreamRpcProperties.Authentication authentication;

	EmbeddedDeepstreamConnectionDetails(EmbeddedDeepstreamServer server,
			DeepstreamRpcProperties.Authentication authentication) {
		this.server = server;
		this.authentication = authentication;
	}

	@Override
	public URI getUrl() {
		return this.server.url();
	}

	@Override
	public Map<String, Object> getAuthData() {
		Map<String, Object> authData = new LinkedHashMap<>(this.authentication.getData());
		if (this.authentication.getUsername() != null) {
			authData.put("username", this.authentication.getUsername());
		}
		if (this.authentication.getPassword() != null) {
			authData.put("password", this.authentication.getPassword());
		}
		return authData;
	}

}
