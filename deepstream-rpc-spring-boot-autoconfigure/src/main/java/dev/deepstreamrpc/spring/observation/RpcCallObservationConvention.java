package dev.deepstreamrpc.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a call; define a bean of this type to replace
 * {@link DefaultRpcCallObservationConvention}.
 */
public interface RpcCallObservationConvention extends ObservationConvention<RpcCallContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof RpcCallContext;
	}

}
