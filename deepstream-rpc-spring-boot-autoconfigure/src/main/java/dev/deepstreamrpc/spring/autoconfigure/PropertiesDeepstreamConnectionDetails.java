package dev.deepstreamrpc.spring.autoconfigure;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adapts {@link DeepstreamRpcProperties} to {@link DeepstreamConnectionDetails}.
 */
class PropertiesDeepstreamConnectionDetails implements DeepstreamConnectionDetails {

	static final URI DEFAULT_URL = URI.create("ws://localhost:6020/deepstream");

	private final DeepstreamRpcProperties properties;

	PropertiesDeepstreamConnectionDetails(DeepstreamRpcProperties properties) {
		this.properties = properties;
	}

	@Override
	public URI getUrl() {
		return getUrls().get(0);
	}

	@Override
	public List<URI> getUrls() {
		if (!this.properties.getUrls().isEmpty()) {
			return List.copyOf(this.properties.getUrls());
		}
		URI url = this.properties.getUrl();
		return List.of((url != null) ? url : DEFAULT_URL);
	}

	@Override
	public Map<String, Object> getAuthData() {
		DeepstreamRpcProperties.Authentication authentication = this.properties.getAuthentication();
		Map<String, Object> authData = new LinkedHashMap<>(authentication.getData());
		if (authentication.getUsername() != null) {
			authData.put("username", authentication.getUsername());
		}
		if (authentication.getPassword() != null) {
			authData.put("password", authentication.getPassword());
		}
		return authData;
	}

}
