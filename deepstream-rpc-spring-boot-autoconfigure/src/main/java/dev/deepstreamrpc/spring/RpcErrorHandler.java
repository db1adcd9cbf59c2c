package dev.deepstreamrpc.spring;

import dev.deepstreamrpc.client.RpcRequest;
import dev.deepstreamrpc.client.RpcResponse;

/**
 * Answers a request whose provider method failed: the last stage of the provider
 * pipeline, replaceable by defining a bean of this type.
 */
@FunctionalInterface
public interface RpcErrorHandler {

	/**
	 * Answers the request, typically with {@link RpcResponse#error(Object)} or
	 * {@link RpcResponse#reject()}.
	 * @param failure what the method threw, or its asynchronous result failed with
	 * @param request the request
	 * @param response the response, not yet completed
	 */
	void handleError(Throwable failure, RpcRequest request, RpcResponse response);

}
