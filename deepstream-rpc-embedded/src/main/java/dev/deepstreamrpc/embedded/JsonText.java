package dev.deepstreamrpc.embedded;

/**
 * Writes a string as a JSON string literal exactly as JavaScript's {@code JSON.stringify}
 * does, because the real server re-encodes requestor data that way and clients see the
 * bytes.
 */
final class JsonText {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private JsonText() {
	}

	static String quote(String text) {
		StringBuilder json = new StringBuilder(text.length() + 16).append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\b' -> json.append("\\b");
				case '\f' -> json.append("\\f");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> append(json, text, i, c);
			}
		}
		return json.append('"').toString();
	}

	private static void append(StringBuilder json, String text, int index, char c) {
		if (c < 0x20 || isLoneSurrogate(text, index, c)) {
			json.append("\\u")
				.append(HEX[c >> 12])
				.append(HEX[(c >> 8) & 0xF])
				.append(HEX[(c >> 4) & 0xF])
				.append(HEX[c & 0xF]);
		}
		else {
			json.append(c);
		}
	}

	private static boolean isLoneSurrogate(String text, int index, char c) {
		if (Character.isHighSurrogate(c)) {
			return index + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(index + 1));
		}
		if (Character.isLowSurrogate(c)) {
			return index == 0 || !Character.isHighSurrogate(text.charAt(index - 1));
		}
		return false;
	}

}
