package dev.deepstreamrpc.embedded;

import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Evaluates JavaScript's {@code (value && value.toString()) || fallback} on a JSON value,
 * which is how open authentication turns any {@code username} into a user id.
 */
final class JsTruthiness {

	private JsTruthiness() {
	}

	static String textOrDefault(@Nullable JsonNode value, String fallback) {
		if (value == null || isFalsy(value)) {
			return fallback;
		}
		String text = toJsString(value);
		return text.isEmpty() ? fallback : text;
	}

	private static boolean isFalsy(JsonNode value) {
		return value.isNull() || (value.isBoolean() && !value.booleanValue())
				|| (value.isNumber() && value.doubleValue() == 0)
				|| (value.isString() && value.stringValue().isEmpty());
	}

	private static String toJsString(JsonNode value) {
		if (value.isString()) {
			return value.stringValue();
		}
		if (value.isNumber()) {
			return value.decimalValue().stripTrailingZeros().toPlainString();
		}
		if (value.isObject()) {
			return "[object Object]";
		}
		if (value.isArray()) {
			StringJoiner joined = new StringJoiner(",");
			value.values().forEach((element) -> joined.add(element.isNull() ? "" : toJsString(element)));
			return joined.toString();
		}
		return value.asString();
	}

}
