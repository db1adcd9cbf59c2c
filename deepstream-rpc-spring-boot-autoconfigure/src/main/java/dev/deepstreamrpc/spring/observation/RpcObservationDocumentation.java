package dev.deepstreamrpc.spring.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of deepstream RPC, with the names and tags of their default
 * conventions. Both record a timer (and a long task timer {@code <name>.active}) with a
 * metrics handler, and a span with a tracing handler; an {@code error} tag names the
 * exception of a failed call or of a provider method that failed.
 */
public enum RpcObservationDocumentation implements ObservationDocumentation {

	/**
	 * One call made through {@link dev.deepstreamrpc.spring.RpcTemplate}, from
	 * {@code make} to its outcome: {@code deepstream.rpc.client.calls}.
	 */
	CLIENT_CALL {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultRpcCallObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return CallKeyNames.values();
		}

	},

	/**
	 * One request served by an {@link dev.deepstreamrpc.spring.RpcProvider} method, from
	 * the handler's start to the answer, rejection or expiry:
	 * {@code deepstream.rpc.provider.invocations}.
	 */
	PROVIDER_INVOCATION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultRpcInvocationObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return InvocationKeyNames.values();
		}

	};

	/**
	 * The tags of a call.
	 */
	public enum CallKeyNames implements KeyName {

		/**
		 * The RPC name.
		 */
		RPC_NAME {

			@Override
			public String asString() {
				return "rpc.name";
			}

		},

		/**
		 * How the call ended: a {@link RpcCallOutcome}.
		 */
		OUTCOME {

			@Override
			public String asString() {
				return "outcome";
			}

		}

	}

	/**
	 * The tags of a provider invocation.
	 */
	public enum InvocationKeyNames implements KeyName {

		/**
		 * The RPC name.
		 */
		RPC_NAME {

			@Override
			public String asString() {
				return "rpc.name";
			}

		},

		/**
		 * How the request ended: a {@link dev.deepstreamrpc.client.ProviderOutcome}
		 * ({@code SENT}, {@code ERROR}, {@code INVALID_ARGUMENT}, {@code REJECTED} or
		 * {@code EXPIRED}).
		 */
		OUTCOME {

			@Override
			public String asString() {
				return "outcome";
			}

		}

	}

}
