package dev.deepstreamrpc.spring.observation;

import dev.deepstreamrpc.client.ProviderOutcome;
import dev.deepstreamrpc.spring.observation.RpcObservationDocumentation.InvocationKeyNames;
import io.micrometer.common.KeyValues;

/**
 * Names a provider invocation observation {@code deepstream.rpc.provider.invocations},
 * tagged with the RPC name and the request's {@link ProviderOutcome}; its span is named
 * {@code serve <rpc name>}.
 */
public class DefaultRpcInvocationObservationConvention implements RpcInvocationObservationConvention {

	/**
	 * The shared instance.
	 */
	public static final DefaultRpcInvocationObservationConvention INSTANCE = new DefaultRpcInvocationObservationConvention();

	@Override
	public String getName() {
		return "deepstream.rpc.provider.invocations";
	}

	@Override
	public String getContextualName(RpcInvocationContext context) {
		return "serve " + context.getRpcName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(RpcInvocationContext context) {
		ProviderOutcome outcome = context.getOutcome();
		return KeyValues.of(InvocationKeyNames.RPC_NAME.withValue(context.getRpcName()),
				InvocationKeyNames.OUTCOME.withValue((outcome != null) ? outcome.name() : "UNKNOWN"));
	}

}
