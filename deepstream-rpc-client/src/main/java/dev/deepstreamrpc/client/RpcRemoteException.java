package dev.deepstreamrpc.client;

/**
 * The provider answered with an error. The error value it sent is kept as a
 * {@link Payload}.
 */
public class RpcRemoteException extends DeepstreamRpcException {

	private final Payload error;

	public RpcRemoteException(String message, Payload error) {
		super(message, Outcome.REMOTE);
		this.error = error;
	}

	/**
	 * The error value the provider sent, usually a message string.
	 * @return the error value
	 */
	public Payload error() {
		return this.error;
	}

}
