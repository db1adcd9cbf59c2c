package dev.deepstreamrpc.spring;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import dev.deepstreamrpc.client.RpcRequest;
import dev.deepstreamrpc.client.RpcRequestHandler;
import dev.deepstreamrpc.client.RpcResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Serves the requests of one {@link RpcProviderEndpoint}: binds the arguments, invokes
 * the bean method and sends its result, handing any failure to the
 * {@link RpcErrorHandler}. Everything that can be decided from the method's signature is
 * decided once, at construction.
 */
final class RpcProviderMethodAdapter implements RpcRequestHandler {

	private final RpcProviderEndpoint endpoint;

	private final Method invocable;

	private final RpcArgumentResolver[] arguments;

	private final RpcResultSender resultSender;

	private final RpcErrorHandler errorHandler;

	RpcProviderMethodAdapter(RpcProviderEndpoint endpoint, RpcErrorHandler errorHandler,
			RpcPayloadBinder payloadBinder) {
		Method method = endpoint.getMethod();
		this.endpoint = endpoint;
		this.invocable = AopUtils.selectInvocableMethod(method, endpoint.getBean().getClass());
		ReflectionUtils.makeAccessible(this.invocable);
		this.arguments = RpcArgumentResolver.forMethod(method, endpoint.getBean().getClass(), payloadBinder);
		this.resultSender = RpcResultSender.forMethod(method, RpcArgumentResolver.declaresResponse(method));
		this.errorHandler = errorHandler;
		if (!endpoint.getOptions().autoAck() && !RpcArgumentResolver.declaresResponse(method)) {
			throw new IllegalStateException(endpoint.getMethodDescription()
					+ " has autoAck off and must declare an RpcResponse parameter to acknowledge requests");
		}
	}

	@Override
	public void handle(RpcRequest request, RpcResponse response) {
		Object result;
		try {
			result = invoke(resolve(request, response));
		}
		catch (Throwable ex) {
			if (!response.isCompleted()) {
				this.errorHandler.handleError(ex, request, response);
			}
			return;
		}
		this.resultSender.send(result, response,
				(failure) -> this.errorHandler.handleError(failure, request, response));
	}

	private @Nullable Object[] resolve(RpcRequest request, RpcResponse response) {
		@Nullable Object[] values = new Object[this.arguments.length];
		for (int i = 0; i < values.length; i++) {
			values[i] = this.arguments[i].resolve(request, response);
		}
		return values;
	}

	private @Nullable Object invoke(@Nullable Object[] arguments) throws Throwable {
		try {
			return this.invocable.invoke(this.endpoint.getBean(), arguments);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

}
