package dev.deepstreamrpc.client;

/**
 * Serves the requests of one provided RPC. Runs on the client's provider executor, never
 * on the connection's I/O thread, and may answer later from another thread.
 */
@FunctionalInterface
public interface RpcRequestHandler {

	/**
	 * Serves one request. An exception that escapes answers the request with an error
	 * carrying the exception's message, unless the request was already answered.
	 * @param request the request
	 * @param response how to answer it
	 * @throws Exception if serving the request failed
	 */
	void handle(RpcRequest request, RpcResponse response) throws Exception;

}
