package dev.deepstreamrpc.sample.calculator;

import dev.deepstreamrpc.spring.RpcProvider;

import org.springframework.stereotype.Service;

/**
 * Provides {@code add-two-numbers}, the simplest RPC: data in, result out.
 */
@Service
class Calculator {

	@RpcProvider("add-two-numbers")
	int add(AddRequest request) {
		return request.numA() + request.numB();
	}

}
