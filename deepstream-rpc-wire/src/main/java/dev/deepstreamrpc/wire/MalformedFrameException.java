package dev.deepstreamrpc.wire;

/**
 * Thrown when inbound bytes are not a deepstream envelope, so that the reader can drop
 * that one message and carry on.
 */
public class MalformedFrameException extends Exception {

	public MalformedFrameException(String message, Throwable cause) {
		super(message, cause);
	}

	public MalformedFrameException(String message) {
		super(message);
	}

}
