package dev.deepstreamrpc.spring;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import dev.deepstreamrpc.client.RpcRequest;
import dev.deepstreamrpc.client.RpcResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.resilience.InvocationRejectedException;

/**
 * The default {@link RpcErrorHandler}: rejects on {@link RejectException} and on Spring's
 * {@link InvocationRejectedException} (a full {@code @ConcurrencyLimit}), otherwise
 * answers with the error value of the closest {@link RpcExceptionHandler}, or with the
 * exception's message.
 */
public final class DefaultRpcErrorHandler implements RpcErrorHandler {

	private static final Log logger = LogFactory.getLog(DefaultRpcErrorHandler.class);

	private final RpcExceptionHandlers exceptionHandlers;

	/**
	 * Creates an error handler.
	 * @param exceptionHandlers the exception handlers of the application's
	 * {@link RpcAdvice} beans
	 */
	public DefaultRpcErrorHandler(RpcExceptionHandlers exceptionHandlers) {
		this.exceptionHandlers = exceptionHandlers;
	}

	@Override
	public void handleError(Throwable failure, RpcRequest request, RpcResponse response) {
		Throwable cause = unwrap(failure);
		if (isRejection(cause)) {
			response.reject();
			return;
		}
		try {
			Object error = this.exceptionHandlers.handle(cause, request);
			response.error((error != null) ? error : messageOf(cause));
		}
		catch (Throwable handlerFailure) {
			if (isRejection(unwrap(handlerFailure))) {
				response.reject();
				return;
			}
			logger.warn("Exception handler for RPC '" + request.name() + "' failed", handlerFailure);
			response.error(messageOf(cause));
		}
		if (logger.isDebugEnabled()) {
			logger.debug("RPC '" + request.name() + "' failed", cause);
		}
	}

	private static boolean isRejection(Throwable failure) {
		return failure instanceof RejectException || failure instanceof InvocationRejectedException;
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException
				|| current instanceof InvocationTargetException) && current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	private static String messageOf(Throwable failure) {
		@Nullable String message = failure.getMessage();
		return (message != null) ? message : failure.getClass().getSimpleName();
	}

}
