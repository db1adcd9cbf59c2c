package dev.deepstreamrpc.client;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default {@link PayloadCodec}, on Jackson. Non-finite doubles and floats are always
 * written as the JSON strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"},
 * whatever the mapper's settings, because JSON has no literal for them and a bare
 * {@code NaN} would make peers fail to parse the whole payload; Jackson reads the strings
 * back as the same numbers. Thread-safe.
 */
public final class JacksonPayloadCodec implements PayloadCodec {

	private final JsonMapper mapper;

	private final ObjectWriter writer;

	public JacksonPayloadCodec() {
		this(JsonMapper.builder().build());
	}

	public JacksonPayloadCodec(JsonMapper mapper) {
		this.mapper = mapper;
		this.writer = mapper.writer().with(JsonWriteFeature.WRITE_NAN_AS_STRINGS);
	}

	@Override
	public byte[] encode(@Nullable Object value) {
		try {
			return this.writer.writeValueAsBytes(value);
		}
		catch (JacksonException ex) {
			throw new RpcSerializationException(
					"Could not write " + typeName(value) + " as JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	@Override
	public <T> @Nullable T decode(byte[] json, Type type) {
		try {
			return this.mapper.readValue(json, this.mapper.constructType(type));
		}
		catch (JacksonException ex) {
			throw new RpcSerializationException(
					"Could not read JSON as " + type.getTypeName() + ": " + ex.getOriginalMessage(), ex);
		}
	}

	@Override
	public boolean isValid(byte[] json) {
		try (JsonParser parser = this.mapper.createParser(json)) {
			if (parser.nextToken() == null) {
				return false;
			}
			parser.skipChildren();
			return parser.nextToken() == null;
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	private static String typeName(@Nullable Object value) {
		return (value != null) ? value.getClass().getName() : "null";
	}

}
