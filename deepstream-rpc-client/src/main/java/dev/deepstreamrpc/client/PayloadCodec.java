package dev.deepstreamrpc.client;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;

/**
 * Converts RPC payloads between Java values and JSON text, so that the JSON library can
 * be chosen. deepstream carries every payload as JSON text, and peers such as the
 * official JavaScript client fail on anything else, so implementations must only ever
 * produce valid JSON.
 */
public interface PayloadCodec {

	/**
	 * Writes a value as JSON.
	 * @param value the value; {@code null} is written as JSON {@code null}
	 * @return UTF-8 JSON text
	 * @throws RpcSerializationException if the value cannot be written
	 */
	byte[] encode(@Nullable Object value);

	/**
	 * Reads JSON as a value of the given type.
	 * @param <T> the type
	 * @param json UTF-8 JSON text
	 * @param type the type to read, possibly generic
	 * @return the value
	 * @throws RpcSerializationException if the text is not JSON or does not fit the type
	 */
	<T> @Nullable T decode(byte[] json, Type type);

	/**
	 * Whether the text is exactly one well-formed JSON value.
	 * @param json UTF-8 text
	 * @return whether it is valid JSON
	 */
	boolean isValid(byte[] json);

}
