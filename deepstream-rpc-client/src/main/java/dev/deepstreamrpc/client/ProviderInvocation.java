package dev.deepstreamrpc.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one request on the provider executor: checks that its data is JSON, runs the
 * handler and turns an escaping exception into an error answer.
 */
final class ProviderInvocation implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(ProviderInvocation.class);

	private final Provider provider;

	private final RpcRequest request;

	private final RpcResponse response;

	ProviderInvocation(Provider provider, RpcRequest request, RpcResponse response) {
		this.provider = provider;
		this.request = request;
		this.response = response;
	}

	@Override
	public void run() {
		if (!this.request.data().isValidJson()) {
			logger.debug("Request data for RPC '{}' is not valid JSON", this.provider.name);
			this.response.error(DefaultRpcResponse.INVALID_ARGUMENT);
			return;
		}
		try {
			this.provider.handler.handle(this.request, this.response);
		}
		catch (Throwable ex) {
			logger.debug("Provider of RPC '{}' failed", this.provider.name, ex);
			this.response.error(messageOf(ex));
		}
	}

	private static String messageOf(Throwable ex) {
		String message = ex.getMessage();
		return (message != null) ? message : ex.getClass().getSimpleName();
	}

}
