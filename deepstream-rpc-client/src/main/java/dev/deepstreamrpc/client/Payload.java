package dev.deepstreamrpc.client;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * A JSON value received in an RPC, converted to a Java type only when asked, so that the
 * receiver chooses the type. deepstream distinguishes "no value" (JavaScript
 * {@code undefined}, sent as an absent field) from JSON {@code null}:
 * {@link #isPresent()} tells them apart.
 */
public final class Payload {

	private final byte @Nullable [] json;

	private final PayloadCodec codec;

	private Payload(byte @Nullable [] json, PayloadCodec codec) {
		this.json = json;
		this.codec = codec;
	}

	/**
	 * Creates a payload from JSON text, treating empty text as no value, as deepstream
	 * does.
	 * @param json UTF-8 JSON text, or {@code null} for no value
	 * @param codec the codec that converts it
	 * @return the payload
	 */
	public static Payload of(byte @Nullable [] json, PayloadCodec codec) {
		return new Payload((json != null && json.length > 0) ? json : null, codec);
	}

	/**
	 * Creates a payload that holds no value.
	 * @param codec the codec that converts it
	 * @return the payload
	 */
	public static Payload absent(PayloadCodec codec) {
		return new Payload(null, codec);
	}

	/**
	 * Whether a value was sent. JSON {@code null} is a value.
	 * @return whether a value is present
	 */
	public boolean isPresent() {
		return this.json != null;
	}

	/**
	 * Converts the value.
	 * @param <T> the type
	 * @param type the type to convert to
	 * @return the value, or {@code null} if no value was sent
	 * @throws RpcSerializationException if the value does not fit the type
	 */
	public <T> @Nullable T as(Class<T> type) {
		return as((Type) type);
	}

	/**
	 * Converts the value to a possibly generic type.
	 * @param <T> the type
	 * @param type the type to convert to
	 * @return the value, or {@code null} if no value was sent
	 * @throws RpcSerializationException if the value does not fit the type
	 */
	public <T> @Nullable T as(Type type) {
		return (this.json != null) ? this.codec.decode(this.json, type) : null;
	}

	/**
	 * The value as JSON text.
	 * @return the JSON text, or {@code null} if no value was sent
	 */
	public @Nullable String json() {
		return (this.json != null) ? new String(this.json, StandardCharsets.UTF_8) : null;
	}

	boolean isValidJson() {
		return this.json == null || this.codec.isValid(this.json);
	}

	@Override
	public String toString() {
		String text = json();
		return (text != null) ? text : "<no value>";
	}

}
