package dev.deepstreamrpc.spring;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;

import dev.deepstreamrpc.client.RpcRequest;
import dev.deepstreamrpc.client.RpcResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;

/**
 * Supplies one argument of a provider method: the request, the response, or the payload
 * bound to the parameter's declared type.
 */
@FunctionalInterface
interface RpcArgumentResolver {

	@Nullable Object resolve(RpcRequest request, RpcResponse response);

	static RpcArgumentResolver[] forMethod(Method method, Class<?> beanType, RpcPayloadBinder binder) {
		RpcArgumentResolver[] resolvers = new RpcArgumentResolver[method.getParameterCount()];
		boolean payloadSeen = false;
		for (int i = 0; i < resolvers.length; i++) {
			MethodParameter parameter = new MethodParameter(method, i);
			Class<?> type = parameter.getParameterType();
			if (type == RpcRequest.class) {
				resolvers[i] = (request, response) -> request;
			}
			else if (type == RpcResponse.class) {
				resolvers[i] = (request, response) -> response;
			}
			else if (payloadSeen) {
				throw new IllegalStateException("Provider method " + method
						+ " declares more than one payload parameter; only one is bound from the request data");
			}
			else {
				payloadSeen = true;
				Type payloadType = ResolvableType.forMethodParameter(parameter.withContainingClass(beanType)).getType();
				RpcPayloadBinder.Binding binding = binder.binding(parameter, payloadType);
				resolvers[i] = (request, response) -> binding.bind(request.data());
			}
		}
		return resolvers;
	}

	static boolean declaresResponse(Method method) {
		return Arrays.asList(method.getParameterTypes()).contains(RpcResponse.class);
	}

}
