package dev.deepstreamrpc.spring.test;

import dev.deepstreamrpc.spring.RpcProvider;

/**
 * An RPC provider for the test applications, so that a round trip proves the client
 * reached the embedded server.
 */
class Greeter {

	@RpcProvider("greeting/hello")
	String hello(String name) {
		return "hello " + name;
	}

}
