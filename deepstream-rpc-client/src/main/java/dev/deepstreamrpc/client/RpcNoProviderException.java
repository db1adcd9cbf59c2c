package dev.deepstreamrpc.client;

/**
 * No provider was available for the called name, or every provider rejected the request.
 */
public class RpcNoProviderException extends DeepstreamRpcException {

	public RpcNoProviderException(String message) {
		super(message, Outcome.NOT_SENT);
	}

	public RpcNoProviderException(String message, Throwable cause) {
		super(message, Outcome.NOT_SENT, cause);
	}

}
