package dev.deepstreamrpc.spring;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import dev.deepstreamrpc.client.RpcRequest;
import dev.deepstreamrpc.client.RpcRequestHandler;
import dev.deepstreamrpc.client.RpcResponse;
import dev.deepstreamrpc.spring.observation.DefaultRpcInvocationObservationConvention;
import dev.deepstreamrpc.spring.observation.RpcInvocationContext;
import dev.deepstreamrpc.spring.observation.RpcInvocationObservationConvention;
import dev.deepstreamrpc.spring.observation.RpcObservationDocumentation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Serves the requests of one {@link RpcProviderEndpoint}: binds the arguments, invokes
 * the bean method and sends its result, handing any failure to the
 * {@link RpcErrorHandler}. Everything that can be decided from the method's signature is
 * decided once, at construction. Each request is observed as one
 * {@link RpcObservationDocumentation#PROVIDER_INVOCATION}, in scope while the method runs
 * so that calls it makes are its children.
 */
final class RpcProviderMethodAdapter implements RpcRequestHandler {

	private final RpcProviderEndpoint endpoint;

	private final Method invocable;

	private final RpcArgumentResolver[] arguments;

	private final RpcResultSender resultSender;

	private final RpcErrorHandler errorHandler;

	private final ObservationRegistry observationRegistry;

	private final @Nullable RpcInvocationObservationConvention observationConvention;

	RpcProviderMethodAdapter(RpcProviderEndpoint endpoint, RpcErrorHandler errorHandler, RpcPayloadBinder payloadBinder,
			ObservationRegistry observationRegistry,
			@Nullable RpcInvocationObservationConvention observationConvention) {
		Method method = endpoint.getMethod();
		this.endpoint = endpoint;
		this.invocable = AopUtils.selectInvocableMethod(method, endpoint.getBean().getClass());
		ReflectionUtils.makeAccessible(this.invocable);
		this.arguments = RpcArgumentResolver.forMethod(method, endpoint.getBean().getClass(), payloadBinder);
		this.resultSender = RpcResultSender.forMethod(method, RpcArgumentResolver.declaresResponse(method));
		this.errorHandler = errorHandler;
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
		if (!endpoint.getOptions().autoAck() && !RpcArgumentResolver.declaresResponse(method)) {
			throw new IllegalStateException(endpoint.getMethodDescription()
					+ " has autoAck off and must declare an RpcResponse parameter to acknowledge requests");
		}
	}

	@Override
	public void handle(RpcRequest request, RpcResponse response) {
		RpcInvocationContext context = new RpcInvocationContext(request, this.endpoint.getMethodDescription());
		Observation observation = RpcObservationDocumentation.PROVIDER_INVOCATION
			.observation(this.observationConvention, DefaultRpcInvocationObservationConvention.INSTANCE, () -> context,
					this.observationRegistry)
			.start();
		RpcInvocationObservation invocation = new RpcInvocationObservation(observation, context);
		response.whenCompleted(invocation::completed);
		try (Observation.Scope scope = observation.openScope()) {
			serve(request, response, context);
		}
		finally {
			invocation.returned();
		}
	}

	private void serve(RpcRequest request, RpcResponse response, RpcInvocationContext context) {
		Object result;
		try {
			result = invoke(resolve(request, response));
		}
		catch (Throwable ex) {
			if (!response.isCompleted()) {
				context.setFailure(ex);
				this.errorHandler.handleError(ex, request, response);
			}
			return;
		}
		this.resultSender.send(result, response, (failure) -> {
			context.setFailure(failure);
			this.errorHandler.handleError(failure, request, response);
		});
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
