package dev.deepstreamrpc.embedded;

import org.jspecify.annotations.Nullable;

/**
 * One entry of the server's static user list, as deepstream's file authentication holds
 * it, with the client data already turned into the JSON text that logins send.
 *
 * @param username the name to log in with, which becomes the user id
 * @param password the clear-text password
 * @param clientData the JSON text of the client data, or {@code null} for none
 */
record UserAccount(String username, String password, @Nullable String clientData) {

}
