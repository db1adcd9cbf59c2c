package dev.deepstreamrpc.spring.observation;

import java.time.Duration;

import dev.deepstreamrpc.client.Payload;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.RequestReplySenderContext;
import org.jspecify.annotations.Nullable;

/**
 * The context of one call observation, from {@code make} to its outcome. It is a
 * request/reply sender context, so that a tracer records a client span, but nothing is
 * injected into the request: deepstream messages carry no headers, so a trace does not
 * continue on the provider's side. The carrier is the RPC name.
 */
public class RpcCallContext extends RequestReplySenderContext<String, Payload> {

	private final String rpcName;

	private final Duration deadline;

	private @Nullable RpcCallOutcome outcome;

	/**
	 * Creates a context.
	 * @param name the RPC name
	 * @param deadline how long the call may take at most
	 */
	public RpcCallContext(String name, Duration deadline) {
		super((carrier, key, value) -> {
		}, Kind.CLIENT);
		this.rpcName = name;
		this.deadline = deadline;
		setCarrier(name);
		setRemoteServiceName("deepstream");
	}

	/**
	 * The RPC name; {@link #getName()} is the observation's name.
	 * @return the RPC name
	 */
	public String getRpcName() {
		return this.rpcName;
	}

	public Duration getDeadline() {
		return this.deadline;
	}

	/**
	 * How the call ended.
	 * @return the outcome, or {@code null} while the call is in flight
	 */
	public @Nullable RpcCallOutcome getOutcome() {
		return this.outcome;
	}

	public void setOutcome(RpcCallOutcome outcome) {
		this.outcome = outcome;
	}

}
