package dev.deepstreamrpc.benchmarks.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.deepstreamrpc.client.JacksonPayloadCodec;
import dev.deepstreamrpc.client.Payload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Writes a request's data and binds a received payload to a type, as every call and every
 * served request does once.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PayloadBenchmarks {

	private final JacksonPayloadCodec codec = new JacksonPayloadCodec();

	private final Order order = new Order("order-17", 3, List.of("apple", "pear"), 12.5);

	private Payload smallString;

	private Payload orderPayload;

	@Setup
	public void setUp() {
		this.smallString = Payload.of(Payloads.jsonString(16), this.codec);
		this.orderPayload = Payload.of(this.codec.encode(this.order), this.codec);
	}

	@Benchmark
	public byte[] encodeString() {
		return this.codec.encode("xxxxxxxxxxxxxx");
	}

	@Benchmark
	public byte[] encodeRecord() {
		return this.codec.encode(this.order);
	}

	@Benchmark
	public String bindString() {
		return this.smallString.as(String.class);
	}

	@Benchmark
	public Order bindRecord() {
		return this.orderPayload.as(Order.class);
	}

	/**
	 * A typical small request body.
	 *
	 * @param id the order id
	 * @param quantity how many
	 * @param items what
	 * @param price the price
	 */
	public record Order(String id, int quantity, List<String> items, double price) {

	}

}
