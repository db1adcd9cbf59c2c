package dev.deepstreamrpc.client;

/**
 * A value could not be converted to or from JSON.
 */
public class RpcSerializationException extends DeepstreamRpcException {

	public RpcSerializationException(String message) {
		super(message, Outcome.NOT_SENT);
	}

	public RpcSerializationException(String message, Throwable cause) {
		super(message, Outcome.NOT_SENT, cause);
	}

	/**
	 * Creates an exception for a value that could not be converted after the call was
	 * made, such as a result that does not fit the type asked for.
	 * @param message the message
	 * @param outcome what is known about the call
	 * @param cause the conversion failure
	 */
	public RpcSerializationException(String message, Outcome outcome, Throwable cause) {
		super(message, outcome, cause);
	}

}
