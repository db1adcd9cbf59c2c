package dev.deepstreamrpc.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a provider invocation; define a bean of this type to
 * replace {@link DefaultRpcInvocationObservationConvention}.
 */
public interface RpcInvocationObservationConvention extends ObservationConvention<RpcInvocationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof RpcInvocationContext;
	}

}
