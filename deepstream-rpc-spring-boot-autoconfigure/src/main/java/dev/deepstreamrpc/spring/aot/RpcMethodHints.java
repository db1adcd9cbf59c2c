package dev.deepstreamrpc.spring.aot;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import dev.deepstreamrpc.client.RpcRequest;
import dev.deepstreamrpc.client.RpcResponse;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * The hints of one bean's RPC methods: the method itself is invoked reflectively, the
 * payload parameter is read from JSON and the result, once unwrapped from a future,
 * {@code Mono} or {@code Optional}, is written as JSON. The request, the response and
 * exceptions are never bound, nor are JDK types, which Jackson handles without
 * reflection; the type arguments of generic types, such as the element type of a list,
 * are.
 */
final class RpcMethodHints {

	private static final String PUBLISHER = "org.reactivestreams.Publisher";

	private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

	private final Class<?> beanClass;

	RpcMethodHints(Class<?> beanClass) {
		this.beanClass = beanClass;
	}

	void registerProvider(RuntimeHints hints, Method method) {
		hints.reflection().registerMethod(method, ExecutableMode.INVOKE);
		for (int i = 0; i < method.getParameterCount(); i++) {
			MethodParameter parameter = new MethodParameter(method, i).withContainingClass(this.beanClass);
			Class<?> type = parameter.getParameterType();
			if (type != RpcRequest.class && type != RpcResponse.class) {
				bind(hints, ResolvableType.forMethodParameter(parameter));
			}
		}
		bind(hints, result(method));
	}

	void registerExceptionHandler(RuntimeHints hints, Method method) {
		hints.reflection().registerMethod(method, ExecutableMode.INVOKE);
		bind(hints, result(method));
	}

	private ResolvableType result(Method method) {
		ResolvableType type = ResolvableType.forMethodReturnType(method, this.beanClass);
		Class<?> raw = type.resolve(Object.class);
		if (CompletionStage.class.isAssignableFrom(raw)) {
			return type.as(CompletionStage.class).getGeneric(0);
		}
		if (raw == Optional.class || isPublisher(raw)) {
			return type.getGeneric(0);
		}
		return type;
	}

	private static boolean isPublisher(Class<?> type) {
		return ClassUtils.isPresent(PUBLISHER, type.getClassLoader())
				&& ClassUtils.resolveClassName(PUBLISHER, type.getClassLoader()).isAssignableFrom(type);
	}

	private void bind(RuntimeHints hints, ResolvableType type) {
		Class<?> raw = type.resolve();
		if (raw == null || raw.isPrimitive()) {
			return;
		}
		if (!raw.getName().startsWith("java.")) {
			this.bindings.registerReflectionHints(hints.reflection(), raw);
		}
		for (ResolvableType generic : type.getGenerics()) {
			bind(hints, generic);
		}
	}

}
