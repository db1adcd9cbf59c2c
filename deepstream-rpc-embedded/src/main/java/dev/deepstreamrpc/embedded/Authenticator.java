package dev.deepstreamrpc.embedded;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks login data the way deepstream's file authentication does for a static user list,
 * or its open authentication when the list is empty.
 * <p>
 * Unlike the real server, which crashes on login data that is not JSON, such data is
 * answered like any other data that is not an object. Immutable and thread-safe.
 */
final class Authenticator {

	static final String MISSING_PARAMETERS = "{\"error\":\"missing authentication parameter: username or/and password\"}";

	private static final String OPEN_USER = "open";

	private final Map<String, UserAccount> users;

	private final JsonMapper json = JsonMapper.builder().build();

	Authenticator(Map<String, UserAccount> users) {
		this.users = users;
	}

	LoginResult authenticate(@Nullable String data) {
		JsonNode authData = parse(data);
		if (authData == null) {
			return LoginResult.invalidData();
		}
		return this.users.isEmpty() ? openLogin(authData) : staticLogin(authData);
	}

	private @Nullable JsonNode parse(@Nullable String data) {
		if (data == null) {
			return null;
		}
		try {
			JsonNode node = this.json.readTree(data);
			return (node != null && node.isContainer()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private LoginResult staticLogin(JsonNode authData) {
		JsonNode username = authData.get("username");
		JsonNode password = authData.get("password");
		if (username == null || !username.isString() || password == null || !password.isString()) {
			return LoginResult.refused(MISSING_PARAMETERS);
		}
		UserAccount user = this.users.get(username.stringValue());
		if (user == null || !user.password().equals(password.stringValue())) {
			return LoginResult.refused(null);
		}
		String clientData = user.clientData();
		return LoginResult.accepted(user.username(), clientData, (clientData != null) ? clientData : "null");
	}

	private LoginResult openLogin(JsonNode authData) {
		return LoginResult.accepted(JsTruthiness.textOrDefault(authData.get("username"), OPEN_USER), null, null);
	}

}
