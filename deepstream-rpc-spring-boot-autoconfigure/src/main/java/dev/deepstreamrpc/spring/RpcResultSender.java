package dev.deepstreamrpc.spring;

import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import dev.deepstreamrpc.client.RpcResponse;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * Sends what a provider method returned, chosen once per method from its return type: a
 * value, nothing for {@code void}, or the eventual value of a {@link CompletionStage} or
 * a Reactor {@link Mono}. A response the method already completed is left alone.
 */
@FunctionalInterface
interface RpcResultSender {

	boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Mono",
			RpcResultSender.class.getClassLoader());

	/**
	 * Sends a result.
	 * @param result what the method returned
	 * @param response the response
	 * @param onFailure receives the failure of an asynchronous result
	 */
	void send(@Nullable Object result, RpcResponse response, Consumer<Throwable> onFailure);

	static RpcResultSender forMethod(Method method, boolean declaresResponse) {
		Class<?> type = method.getReturnType();
		if (type == void.class || type == Void.class) {
			return declaresResponse ? (result, response, onFailure) -> {
			} : (result, response, onFailure) -> sendNoValue(response);
		}
		boolean noValue = ResolvableType.forMethodReturnType(method).getGeneric(0).resolve() == Void.class;
		if (CompletionStage.class.isAssignableFrom(type)) {
			return (result, response, onFailure) -> whenComplete((CompletionStage<?>) result, noValue, response,
					onFailure);
		}
		if (REACTOR_PRESENT && Reactive.isMono(type)) {
			return (result, response, onFailure) -> whenComplete(Reactive.toFuture(result), true, response, onFailure);
		}
		if (REACTOR_PRESENT && Reactive.isPublisher(type)) {
			throw new IllegalStateException("Provider method " + method
					+ " returns a stream of values; an RPC has one result, return a Mono instead");
		}
		return (result, response, onFailure) -> sendValue(result, response);
	}

	/**
	 * Sends the eventual value of a stage.
	 * @param stage the stage the method returned
	 * @param nullIsNoValue whether a {@code null} value means "no value" rather than JSON
	 * {@code null}: so for {@code CompletionStage<Void>} and for an empty {@code Mono}
	 * @param response the response
	 * @param onFailure receives the stage's failure
	 */
	private static void whenComplete(@Nullable CompletionStage<?> stage, boolean nullIsNoValue, RpcResponse response,
			Consumer<Throwable> onFailure) {
		if (stage == null) {
			sendValue(null, response);
			return;
		}
		stage.whenComplete((value, failure) -> {
			if (failure != null) {
				onFailure.accept(failure);
			}
			else if (value == null && nullIsNoValue) {
				sendNoValue(response);
			}
			else {
				sendValue(value, response);
			}
		});
	}

	private static void sendValue(@Nullable Object value, RpcResponse response) {
		if (!response.isCompleted()) {
			response.send(value);
		}
	}

	private static void sendNoValue(RpcResponse response) {
		if (!response.isCompleted()) {
			response.send();
		}
	}

	/**
	 * The Reactor types, kept apart so that nothing loads them when Reactor is absent.
	 */
	final class Reactive {

		private Reactive() {
		}

		static boolean isMono(Class<?> type) {
			return Mono.class.isAssignableFrom(type);
		}

		static boolean isPublisher(Class<?> type) {
			return Publisher.class.isAssignableFrom(type);
		}

		static @Nullable CompletionStage<?> toFuture(@Nullable Object mono) {
			return (mono != null) ? ((Mono<?>) mono).toFuture() : null;
		}

	}

}
