package dev.deepstreamrpc.spring.testcontainers;

import dev.deepstreamrpc.spring.RpcProvider;

/**
 * An RPC provider for the test applications, so that a round trip proves the client
 * reached a server.
 */
class Greeter {

	@RpcProvider("greeting/hello")
	String hello(String name) {
		return "hello " + name;
	}

}
