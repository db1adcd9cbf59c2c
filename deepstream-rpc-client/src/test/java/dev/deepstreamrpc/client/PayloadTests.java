package dev.deepstreamrpc.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PayloadTests {

	private final JacksonPayloadCodec codec = new JacksonPayloadCodec();

	@Test
	void absentAndEmptyDataHaveNoValue() {
		assertThat(Payload.of(null, this.codec).isPresent()).isFalse();
		assertThat(Payload.of(new byte[0], this.codec).isPresent()).isFalse();
		assertThat(Payload.of(null, this.codec).as(String.class)).isNull();
	}

	@Test
	void jsonNullIsAValue() {
		Payload nullValue = payload("null");
		assertThat(nullValue.isPresent()).isTrue();
		assertThat(nullValue.as(Object.class)).isNull();
	}

	@Test
	void convertsToTheRequestedType() {
		assertThat(payload("{\"numA\":7,\"numB\":13}").as(Sum.class)).isEqualTo(new Sum(7, 13));
		assertThat(payload("[{\"numA\":1,\"numB\":2}]")
			.<List<Sum>>as(Holder.class.getRecordComponents()[0].getGenericType())).containsExactly(new Sum(1, 2));
		assertThat(payload("\"héllo ☃\"").as(String.class)).isEqualTo("héllo ☃");
		assertThat(payload("{\"a\":[true,1.5]}").as(Map.class)).containsEntry("a", List.of(true, 1.5));
	}

	@Test
	void failsToConvertToATypeThatDoesNotFit() {
		assertThatExceptionOfType(RpcSerializationException.class).isThrownBy(() -> payload("\"x\"").as(Sum.class))
			.withMessageContaining(Sum.class.getName());
	}

	@Test
	void toleratesNonJsonButTellsIt() {
		assertThat(payload("this is not JSON").isValidJson()).isFalse();
		assertThat(payload("1 2").isValidJson()).isFalse();
		assertThat(payload("{\"a\":").isValidJson()).isFalse();
		assertThat(payload(" {\"a\":[1]} ").isValidJson()).isTrue();
		assertThat(Payload.absent(this.codec).isValidJson()).isTrue();
	}

	@Test
	void codecRefusesValuesThatAreNotJson() {
		assertThatExceptionOfType(RpcSerializationException.class).isThrownBy(() -> this.codec.encode(new Exploding()))
			.withMessageContaining(Exploding.class.getName());
	}

	@Test
	void codecWritesNonFiniteNumbersAsJsonStringsWhateverTheMapper() {
		JacksonPayloadCodec lenient = new JacksonPayloadCodec(
				JsonMapper.builder().disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build());
		for (JacksonPayloadCodec codec : List.of(this.codec, lenient)) {
			byte[] json = codec.encode(List.of(Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY));
			assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("[\"NaN\",\"Infinity\",\"-Infinity\"]");
			assertThat(codec.isValid(json)).isTrue();
			assertThat(Payload.of(json, codec)
				.<List<Double>>as(DoubleList.class.getRecordComponents()[0].getGenericType()))
				.containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
		}
	}

	private Payload payload(String json) {
		return Payload.of(json.getBytes(StandardCharsets.UTF_8), this.codec);
	}

	record Sum(int numA, int numB) {
	}

	record Holder(List<Sum> sums) {
	}

	record DoubleList(List<Double> values) {
	}

	static class Exploding {

		public String getValue() {
			throw new IllegalStateException("cannot be read");
		}

	}

}
