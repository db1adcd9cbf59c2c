package dev.deepstreamrpc.sample.voting;

import java.util.Map;

import dev.deepstreamrpc.spring.RpcOperations;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Casts votes and reads the results through the {@code count-vote} and
 * {@code vote-results} RPCs. The vote is passed on as received: the provider validates
 * it, so that every caller, not only this endpoint, gets the same checks.
 */
@RestController
class VoteController {

	private static final ParameterizedTypeReference<Map<String, Integer>> RESULTS = new ParameterizedTypeReference<>() {
	};

	private final RpcOperations rpc;

	VoteController(RpcOperations rpc) {
		this.rpc = rpc;
	}

	@PostMapping("/votes")
	@Nullable Map<String, Integer> vote(@RequestBody Vote vote) {
		return this.rpc.make("count-vote", vote, RESULTS);
	}

	@GetMapping("/votes")
	@Nullable Map<String, Integer> results() {
		return this.rpc.make("vote-results", null, RESULTS);
	}

}
