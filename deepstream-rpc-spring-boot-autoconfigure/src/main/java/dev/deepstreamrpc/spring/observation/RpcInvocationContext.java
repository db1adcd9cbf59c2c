package dev.deepstreamrpc.spring.observation;

import dev.deepstreamrpc.client.ProviderOutcome;
import dev.deepstreamrpc.client.RpcRequest;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import org.jspecify.annotations.Nullable;

/**
 * The context of one provider invocation observation, from the request's arrival at the
 * handler to its answer, rejection or expiry. It is a receiver context, so that a tracer
 * records a server span; deepstream requests carry no headers, so nothing is extracted
 * and the span starts a new trace. The carrier is the request.
 */
public class RpcInvocationContext extends ReceiverContext<RpcRequest> {

	private final String methodDescription;

	private @Nullable ProviderOutcome outcome;

	private @Nullable Throwable failure;

	/**
	 * Creates a context.
	 * @param request the request
	 * @param methodDescription the provider method, such as
	 * {@code Calculator.add(AddRequest)}
	 */
	public RpcInvocationContext(RpcRequest request, String methodDescription) {
		super((carrier, key) -> null, Kind.SERVER);
		this.methodDescription = methodDescription;
		setCarrier(request);
		setRemoteServiceName("deepstream");
	}

	/**
	 * The RPC name; {@link #getName()} is the observation's name.
	 * @return the RPC name
	 */
	public String getRpcName() {
		return getCarrier().name();
	}

	public String getMethodDescription() {
		return this.methodDescription;
	}

	/**
	 * How the request ended.
	 * @return the outcome, or {@code null} while it is being served
	 */
	public @Nullable ProviderOutcome getOutcome() {
		return this.outcome;
	}

	public void setOutcome(ProviderOutcome outcome) {
		this.outcome = outcome;
	}

	/**
	 * What the provider method failed with, if anything.
	 * @return the failure, or {@code null}
	 */
	public @Nullable Throwable getFailure() {
		return this.failure;
	}

	public void setFailure(Throwable failure) {
		this.failure = failure;
	}

}
