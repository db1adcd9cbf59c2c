package dev.deepstreamrpc.sample.web;

import dev.deepstreamrpc.spring.RpcOperations;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Calls any RPC by name with the request's JSON body as data and answers with the RPC's
 * JSON result; a request without a body sends JSON {@code null}, a result without a value
 * is answered with 204 No Content.
 */
@RestController
class RpcController {

	private final RpcOperations rpc;

	RpcController(RpcOperations rpc) {
		this.rpc = rpc;
	}

	@PostMapping("/rpc/{name}")
	ResponseEntity<JsonNode> call(@PathVariable String name, @RequestBody(required = false) @Nullable JsonNode data) {
		JsonNode result = this.rpc.make(name, data, JsonNode.class);
		return (result != null) ? ResponseEntity.ok(result) : ResponseEntity.noContent().build();
	}

}
