package dev.deepstreamrpc.spring;

import java.util.concurrent.atomic.AtomicInteger;

import dev.deepstreamrpc.client.ProviderOutcome;
import dev.deepstreamrpc.spring.observation.RpcInvocationContext;
import io.micrometer.observation.Observation;

/**
 * Stops the observation of one invocation once both its method has returned and its
 * request has ended, whichever comes last: a method may answer before it returns, and the
 * scope it ran in must be closed before the observation stops.
 * <p>
 * Thread-safe: {@code pending} counts the two events down, from the provider thread and
 * from whichever thread completed the request.
 */
final class RpcInvocationObservation {

	private final Observation observation;

	private final RpcInvocationContext context;

	private final AtomicInteger pending = new AtomicInteger(2);

	RpcInvocationObservation(Observation observation, RpcInvocationContext context) {
		this.observation = observation;
		this.context = context;
	}

	void completed(ProviderOutcome outcome) {
		this.context.setOutcome(outcome);
		countDown();
	}

	void returned() {
		countDown();
	}

	private void countDown() {
		if (this.pending.decrementAndGet() != 0) {
			return;
		}
		Throwable failure = this.context.getFailure();
		ProviderOutcome outcome = this.context.getOutcome();
		if (failure != null && (outcome == ProviderOutcome.ERROR || outcome == ProviderOutcome.INVALID_ARGUMENT)) {
			this.observation.error(failure);
		}
		this.observation.stop();
	}

}
