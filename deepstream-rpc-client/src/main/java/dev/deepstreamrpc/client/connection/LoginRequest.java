package dev.deepstreamrpc.client.connection;

import org.jspecify.annotations.Nullable;

/**
 * What a connection sends to log in, obtained afresh for every attempt.
 *
 * @param authData the JSON text of the authentication data object
 * @param username the user being logged in, for messages; never the password
 */
public record LoginRequest(byte[] authData, @Nullable String username) {
}
