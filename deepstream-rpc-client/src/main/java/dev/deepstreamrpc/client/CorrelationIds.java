package dev.deepstreamrpc.client;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes correlation ids. The server keys every in-flight call of every client by its id
 * alone and lets whoever knows an id answer it, so ids are 128 unguessable bits.
 * Thread-safe.
 */
final class CorrelationIds {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final SecureRandom random = new SecureRandom();

	String next() {
		byte[] bits = new byte[16];
		this.random.nextBytes(bits);
		return ENCODER.encodeToString(bits);
	}

}
