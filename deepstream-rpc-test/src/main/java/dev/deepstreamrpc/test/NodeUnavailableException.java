package dev.deepstreamrpc.test;

/**
 * Thrown on a CI machine (environment variable {@code CI} set) when Node.js or npm cannot
 * be found, because there a skipped deepstream test would hide a broken build.
 */
public final class NodeUnavailableException extends RuntimeException {

	NodeUnavailableException(String message) {
		super(message);
	}

}
