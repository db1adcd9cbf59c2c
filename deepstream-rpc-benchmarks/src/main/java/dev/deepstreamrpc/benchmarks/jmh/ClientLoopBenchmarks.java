package dev.deepstreamrpc.benchmarks.jmh;

import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import dev.deepstreamrpc.client.DeepstreamRpcClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One call through real clients over the {@link LoopbackServer}, on the benchmark thread:
 * {@code call} is the requestor's side (encode, correlation bookkeeping, deadline timer,
 * decode, binding), {@code serve} the provider's side (decode, dispatch to the handler,
 * binding, RESPONSE, which needs no separate ACCEPT for an answer given at once),
 * {@code roundTrip} both.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClientLoopBenchmarks {

	private static final String DATA = Payloads.string(16);

	private static final ByteString DATA_JSON = ByteString.copyFrom(Payloads.jsonString(16));

	private LoopbackServer server;

	private DeepstreamRpcClient requestor;

	private DeepstreamRpcClient provider;

	@Setup(Level.Trial)
	public void setUp() {
		this.server = new LoopbackServer();
		this.requestor = DeepstreamRpcClient.builder("ws://loopback/deepstream").transport(this.server).build();
		this.provider = DeepstreamRpcClient.builder("ws://loopback/deepstream")
			.transport(this.server)
			.providerExecutor(Runnable::run)
			.build();
		this.requestor.connect().join();
		this.provider.connect().join();
		this.provider.provide("echo", (request, response) -> response.send(request.data().as(String.class))).join();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.requestor.close();
		this.provider.close();
	}

	@Benchmark
	public String call() {
		return this.requestor.make(LoopbackServer.SERVER_ECHO, DATA).join().as(String.class);
	}

	@Benchmark
	public long serve() {
		this.server.request("echo", "Zm9vYmFyYmF6cXV4cXV1eA", DATA_JSON);
		return this.server.answers();
	}

	@Benchmark
	public String roundTrip() {
		return this.requestor.make("echo", DATA).join().as(String.class);
	}

}
