package dev.deepstreamrpc.benchmarks.jmh;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import dev.deepstreamrpc.wire.FrameCodec;
import dev.deepstreamrpc.wire.InboundMessageHandler;
import dev.deepstreamrpc.wire.MalformedFrameException;
import dev.deepstreamrpc.wire.RpcAction;
import dev.deepstreamrpc.wire.proto.RpcMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Encodes and decodes one RPC request frame, as every call does twice on each side.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FrameCodecBenchmarks {

	@Param({ "16", "262144" })
	int payloadBytes;

	private RpcMessage request;

	private byte[] frame;

	@Setup
	public void setUp() {
		this.request = RpcMessage.newBuilder()
			.setAction(RpcAction.REQUEST.code())
			.setName("echo")
			.setCorrelationId("Zm9vYmFyYmF6cXV4cXV1eA")
			.setDataBytes(ByteString.copyFrom(Payloads.jsonString(this.payloadBytes)))
			.build();
		this.frame = FrameCodec.encode(this.request);
	}

	@Benchmark
	public byte[] encode() {
		return FrameCodec.encode(this.request);
	}

	@Benchmark
	public void decode(Blackhole blackhole) throws MalformedFrameException {
		FrameCodec.decode(ByteBuffer.wrap(this.frame),
				InboundMessageHandler.rpcOnly((message) -> blackhole.consume(message.getDataBytes())));
	}

}
