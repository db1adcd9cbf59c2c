package dev.deepstreamrpc.embedded;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * String literals as JavaScript's {@code JSON.stringify} writes them; the expected values
 * were produced by Node.js.
 */
class JsonTextTests {

	@Test
	void quotesAndBackslashesAreEscaped() {
		assertThat(JsonText.quote("{\"role\":\"a\\b\"}")).isEqualTo("\"{\\\"role\\\":\\\"a\\\\b\\\"}\"");
	}

	@Test
	void controlCharactersUseShortEscapesOrLowerCaseHex() {
		assertThat(JsonText.quote("\b\f\n\r\t\u0001\u001f")).isEqualTo("\"\\b\\f\\n\\r\\t\\u0001\\u001f\"");
	}

	@Test
	void nonAsciiStaysLiteralAndLoneSurrogatesAreEscaped() {
		assertThat(JsonText.quote("héllo ☃ \uD83D\uDE80")).isEqualTo("\"héllo ☃ \uD83D\uDE80\"");
		assertThat(JsonText.quote("\uD83D x \uDE80")).isEqualTo("\"\\ud83d x \\ude80\"");
	}

	@Test
	void emptyTextIsAnEmptyLiteral() {
		assertThat(JsonText.quote("")).isEqualTo("\"\"");
	}

}
