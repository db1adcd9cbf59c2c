package dev.deepstreamrpc.client;

/**
 * The server's permissions do not allow this client to make or provide the named RPC.
 */
public class RpcPermissionDeniedException extends DeepstreamRpcException {

	private final String rpcName;

	public RpcPermissionDeniedException(String rpcName, String message) {
		super(message, Outcome.REMOTE);
		this.rpcName = rpcName;
	}

	public String rpcName() {
		return this.rpcName;
	}

}
