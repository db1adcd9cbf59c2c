package dev.deepstreamrpc.embedded;

import org.jspecify.annotations.Nullable;

/**
 * The answer to one login request, carrying what the session needs to reply and to
 * identify the user afterwards.
 *
 * @param outcome what happened
 * @param userId the user id of an accepted login, otherwise {@code null}
 * @param clientData the JSON client data of an accepted login, {@code null} for none
 * @param replyData the {@code data} of the reply, or {@code null} to leave it out
 */
record LoginResult(Outcome outcome, @Nullable String userId, @Nullable String clientData, @Nullable String replyData) {

	static LoginResult accepted(String userId, @Nullable String clientData, @Nullable String replyData) {
		return new LoginResult(Outcome.ACCEPTED, userId, clientData, replyData);
	}

	static LoginResult refused(@Nullable String replyData) {
		return new LoginResult(Outcome.REFUSED, null, null, replyData);
	}

	static LoginResult invalidData() {
		return new LoginResult(Outcome.INVALID_DATA, null, null, null);
	}

	/**
	 * The three ways a login request can end.
	 */
	enum Outcome {

		/** Logged in: {@code AUTH_SUCCESSFUL}. */
		ACCEPTED,

		/** Wrong or missing credentials: {@code AUTH_UNSUCCESSFUL}, may retry. */
		REFUSED,

		/**
		 * The data is not a JSON object: {@code INVALID_MESSAGE_DATA}, connection closed.
		 */
		INVALID_DATA

	}

}
