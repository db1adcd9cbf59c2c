package dev.deepstreamrpc.spring;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.deepstreamrpc.client.RpcRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.ExceptionDepthComparator;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ConcurrentReferenceHashMap;
import org.springframework.util.ReflectionUtils;

/**
 * The {@link RpcExceptionHandler} methods of the application's {@link RpcAdvice} beans.
 * The first advice, in order, that handles an exception type wins, and within it the
 * handler for the closest type. Lookups are cached by exception type. Thread-safe.
 */
public final class RpcExceptionHandlers {

	private final List<Advice> advices;

	private final Map<Class<?>, Optional<Handler>> cache = new ConcurrentReferenceHashMap<>();

	/**
	 * Collects the exception handlers of the given advice beans.
	 * @param adviceBeans the {@link RpcAdvice} beans, in precedence order
	 */
	public RpcExceptionHandlers(List<?> adviceBeans) {
		this.advices = adviceBeans.stream().map(Advice::new).toList();
	}

	/**
	 * Maps an exception to an error value.
	 * @param failure the exception
	 * @param request the request that failed
	 * @return the error value, or {@code null} if no handler applies or it returned none
	 * @throws Throwable what the handler threw, such as {@link RejectException}
	 */
	@Nullable Object handle(Throwable failure, RpcRequest request) throws Throwable {
		Optional<Handler> handler = this.cache.computeIfAbsent(failure.getClass(), this::find);
		return (handler.isPresent()) ? handler.get().invoke(failure, request) : null;
	}

	private Optional<Handler> find(Class<?> failureType) {
		for (Advice advice : this.advices) {
			Handler handler = advice.find(failureType);
			if (handler != null) {
				return Optional.of(handler);
			}
		}
		return Optional.empty();
	}

	/**
	 * One advice bean and its handlers by exception type.
	 */
	private static final class Advice {

		private final Map<Class<? extends Throwable>, Handler> handlers = new LinkedHashMap<>();

		Advice(Object bean) {
			Class<?> targetType = AopUtils.getTargetClass(bean);
			MethodIntrospector
				.selectMethods(targetType,
						(MethodIntrospector.MetadataLookup<RpcExceptionHandler>) (method) -> AnnotatedElementUtils
							.findMergedAnnotation(method, RpcExceptionHandler.class))
				.forEach((method, annotation) -> {
					Handler handler = new Handler(bean, AopUtils.selectInvocableMethod(method, bean.getClass()));
					exceptionTypes(method, annotation).forEach((type) -> register(type, handler, method));
				});
		}

		private void register(Class<? extends Throwable> type, Handler handler, Method method) {
			Handler previous = this.handlers.putIfAbsent(type, handler);
			if (previous != null) {
				throw new IllegalStateException("Two @RpcExceptionHandler methods handle " + type.getName() + ": "
						+ previous.method + " and " + method);
			}
		}

		@SuppressWarnings("unchecked")
		private static List<Class<? extends Throwable>> exceptionTypes(Method method, RpcExceptionHandler annotation) {
			List<Class<? extends Throwable>> types = new ArrayList<>(Arrays.asList(annotation.value()));
			if (types.isEmpty()) {
				Arrays.stream(method.getParameterTypes())
					.filter(Throwable.class::isAssignableFrom)
					.forEach((type) -> types.add((Class<? extends Throwable>) type));
			}
			if (types.isEmpty()) {
				throw new IllegalStateException("No exception type declared for @RpcExceptionHandler " + method);
			}
			return types;
		}

		@Nullable Handler find(Class<?> failureType) {
			List<Class<? extends Throwable>> matches = this.handlers.keySet()
				.stream()
				.filter((type) -> type.isAssignableFrom(failureType))
				.sorted(new ExceptionDepthComparator(failureType.asSubclass(Throwable.class)))
				.toList();
			return matches.isEmpty() ? null : this.handlers.get(matches.get(0));
		}

	}

	/**
	 * One handler method, invoked with the exception and, when it asks for it, the
	 * request.
	 */
	private record Handler(Object bean, Method method) {

		Handler {
			ReflectionUtils.makeAccessible(method);
		}

		@Nullable Object invoke(Throwable failure, RpcRequest request) throws Throwable {
			Object[] arguments = Arrays.stream(this.method.getParameterTypes())
				.map((type) -> argument(type, failure, request))
				.toArray();
			try {
				return this.method.invoke(this.bean, arguments);
			}
			catch (InvocationTargetException ex) {
				throw ex.getTargetException();
			}
		}

		private @Nullable Object argument(Class<?> type, Throwable failure, RpcRequest request) {
			if (type.isInstance(failure)) {
				return failure;
			}
			if (type == RpcRequest.class) {
				return request;
			}
			throw new IllegalStateException("Unsupported parameter of type " + type.getName() + " in " + this.method);
		}

	}

}
