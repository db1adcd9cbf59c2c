package dev.deepstreamrpc.benchmarks.jmh;

import java.nio.charset.StandardCharsets;

/**
 * Payloads of an exact encoded size, so that every benchmark means the same thing by "16
 * bytes".
 */
final class Payloads {

	private Payloads() {
	}

	/**
	 * A string whose JSON encoding, quotes included, is the given number of bytes.
	 * @param jsonBytes the encoded size, at least 2
	 * @return the string
	 */
	static String string(int jsonBytes) {
		return "x".repeat(Math.max(0, jsonBytes - 2));
	}

	static byte[] jsonString(int jsonBytes) {
		return ("\"" + string(jsonBytes) + "\"").getBytes(StandardCharsets.UTF_8);
	}

}
