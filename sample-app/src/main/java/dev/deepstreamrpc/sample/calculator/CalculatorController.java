package dev.deepstreamrpc.sample.calculator;

import dev.deepstreamrpc.spring.RpcOperations;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Adds two numbers by calling {@code add-two-numbers}, wherever its provider runs.
 */
@RestController
class CalculatorController {

	private final RpcOperations rpc;

	CalculatorController(RpcOperations rpc) {
		this.rpc = rpc;
	}

	@GetMapping("/add")
	@Nullable Integer add(@RequestParam int a, @RequestParam int b) {
		return this.rpc.make("add-two-numbers", new AddRequest(a, b), Integer.class);
	}

}
