package dev.deepstreamrpc.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.deepstreamrpc.client.connection.Session;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The bookkeeping of one call: a fresh correlation id, and registering, accepting and
 * completing it in {@link PendingCalls} while {@code inFlight} other calls are pending,
 * deadline timer included. Lives in the client's package because both classes are
 * internal.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CorrelationBenchmarks {

	@Param({ "1", "512" })
	int inFlight;

	private final CorrelationIds ids = new CorrelationIds();

	private final Payload result = Payload.absent(new JacksonPayloadCodec());

	private ScheduledThreadPoolExecutor scheduler;

	private PendingCalls calls;

	@Setup(Level.Trial)
	public void setUp() {
		this.scheduler = new ScheduledThreadPoolExecutor(1);
		this.scheduler.setRemoveOnCancelPolicy(true);
		this.calls = new PendingCalls(1_000_000, this.scheduler, Runnable::run);
		for (int i = 1; i < this.inFlight; i++) {
			this.calls.register("pending-" + i, "echo", session(), 60_000);
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.scheduler.shutdownNow();
	}

	@Benchmark
	public String nextId() {
		return this.ids.next();
	}

	@Benchmark
	public CompletableFuture<Payload> registerAcceptComplete() {
		String id = this.ids.next();
		CompletableFuture<Payload> future = this.calls.register(id, "echo", session(), 60_000);
		this.calls.accepted(id);
		this.calls.succeed(id, this.result);
		return future;
	}

	private static Session session() {
		return null;
	}

}
