package dev.deepstreamrpc.test;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * How a JS {@code client.rpc.make()} promise settled, keeping JavaScript's
 * {@code undefined} apart from JSON {@code null} because deepstream does.
 */
public final class JsResult {

	private final boolean success;

	private final @Nullable JsonNode value;

	private final @Nullable JsonNode error;

	private JsResult(boolean success, @Nullable JsonNode value, @Nullable JsonNode error) {
		this.success = success;
		this.value = value;
		this.error = error;
	}

	/**
	 * Creates a resolved result.
	 * @param value the value, or {@code null} for {@code undefined} (JSON null is a
	 * {@code NullNode})
	 * @return the result
	 */
	public static JsResult success(@Nullable JsonNode value) {
		return new JsResult(true, value, null);
	}

	/**
	 * Creates a rejected result.
	 * @param error the rejection value, such as the text {@code "NO_RPC_PROVIDER"} or the
	 * provider's error
	 * @return the result
	 */
	public static JsResult failure(JsonNode error) {
		return new JsResult(false, null, Objects.requireNonNull(error, "error"));
	}

	/**
	 * Returns whether the promise resolved.
	 * @return whether the call succeeded
	 */
	public boolean isSuccess() {
		return this.success;
	}

	/**
	 * Returns whether the promise resolved with {@code undefined}.
	 * @return whether the call succeeded without a value
	 */
	public boolean isUndefined() {
		return this.success && this.value == null;
	}

	/**
	 * Returns the resolved value.
	 * @return the value; empty when the call failed or resolved with {@code undefined}
	 */
	public Optional<JsonNode> value() {
		return Optional.ofNullable(this.value);
	}

	/**
	 * Returns the rejection value.
	 * @return the error; empty when the call succeeded
	 */
	public Optional<JsonNode> error() {
		return Optional.ofNullable(this.error);
	}

	/**
	 * Returns the rejection as text: a string error as is, anything else as JSON.
	 * @return the error text
	 * @throws IllegalStateException if the call succeeded
	 */
	public String errorText() {
		if (this.error == null) {
			throw new IllegalStateException("the call succeeded: " + this);
		}
		return this.error.isString() ? this.error.stringValue() : this.error.toString();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof JsResult that && this.success == that.success && Objects.equals(this.value, that.value)
				&& Objects.equals(this.error, that.error);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.success, this.value, this.error);
	}

	@Override
	public String toString() {
		if (!this.success) {
			return "JsResult[error=" + this.error + "]";
		}
		return "JsResult[value=" + ((this.value != null) ? this.value : "undefined") + "]";
	}

}
