package dev.deepstreamrpc.spring.observation;

import dev.deepstreamrpc.spring.observation.RpcObservationDocumentation.CallKeyNames;
import io.micrometer.common.KeyValues;

/**
 * Names a call observation {@code deepstream.rpc.client.calls}, tagged with the RPC name
 * and the call's {@link RpcCallOutcome}; its span is named {@code call <rpc name>}.
 */
public class DefaultRpcCallObservationConvention implements RpcCallObservationConvention {

	/**
	 * The shared instance.
	 */
	public static final DefaultRpcCallObservationConvention INSTANCE = new DefaultRpcCallObservationConvention();

	@Override
	public String getName() {
		return "deepstream.rpc.client.calls";
	}

	@Override
	public String getContextualName(RpcCallContext context) {
		return "call " + context.getRpcName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(RpcCallContext context) {
		RpcCallOutcome outcome = context.getOutcome();
		return KeyValues.of(CallKeyNames.RPC_NAME.withValue(context.getRpcName()),
				CallKeyNames.OUTCOME.withValue((outcome != null) ? outcome.name() : RpcCallOutcome.UNKNOWN.name()));
	}

}
