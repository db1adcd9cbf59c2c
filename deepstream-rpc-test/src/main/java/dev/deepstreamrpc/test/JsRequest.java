package dev.deepstreamrpc.test;

import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * A request that reached a JS provider, recorded so that tests can check what the
 * provider saw and how often it ran.
 *
 * @param name the RPC name
 * @param data the request data; empty for {@code undefined} (JSON null is a
 * {@code NullNode})
 * @param requestorName the requestor's user id, when the server sends it
 * @param requestorData the requestor's client data as the JS client received it, when the
 * server sends it
 */
public record JsRequest(String name, Optional<JsonNode> data, Optional<String> requestorName,
		Optional<JsonNode> requestorData) {

}
