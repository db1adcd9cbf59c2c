package dev.deepstreamrpc.spring;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterizedTypeReference;

/**
 * Calls deepstream remote procedures, blocking or asynchronously, with results converted
 * to the type asked for. Every call ends with its result or a
 * {@link dev.deepstreamrpc.client.DeepstreamRpcException}: a timeout is an
 * {@link dev.deepstreamrpc.client.RpcTimeoutException}, never {@code null}.
 * <p>
 * {@code data} is converted to JSON; {@code null} is sent as JSON {@code null}. A result
 * is {@code null} when the provider sent JSON {@code null} or no value.
 */
public interface RpcOperations {

	/**
	 * Calls a remote procedure and waits for its result, within the default deadline.
	 * @param <T> the result type
	 * @param name the RPC name
	 * @param data the data
	 * @param resultType the result type
	 * @return the result
	 */
	<T> @Nullable T make(String name, @Nullable Object data, Class<T> resultType);

	/**
	 * Calls a remote procedure and waits for its result of a generic type, within the
	 * default deadline.
	 * @param <T> the result type
	 * @param name the RPC name
	 * @param data the data
	 * @param resultType the result type
	 * @return the result
	 */
	<T> @Nullable T make(String name, @Nullable Object data, ParameterizedTypeReference<T> resultType);

	/**
	 * Calls a remote procedure and waits for its result, within the given deadline.
	 * @param <T> the result type
	 * @param name the RPC name
	 * @param data the data
	 * @param resultType the result type
	 * @param deadline how long to wait at most
	 * @return the result
	 */
	<T> @Nullable T make(String name, @Nullable Object data, Class<T> resultType, Duration deadline);

	/**
	 * Calls a remote procedure and waits for its result of a generic type, within the
	 * given deadline.
	 * @param <T> the result type
	 * @param name the RPC name
	 * @param data the data
	 * @param resultType the result type
	 * @param deadline how long to wait at most
	 * @return the result
	 */
	<T> @Nullable T make(String name, @Nullable Object data, ParameterizedTypeReference<T> resultType,
			Duration deadline);

	/**
	 * Calls a remote procedure without waiting, within the default deadline.
	 * @param <T> the result type
	 * @param name the RPC name
	 * @param data the data
	 * @param resultType the result type
	 * @return the future result, completed on the client's I/O thread
	 */
	<T> CompletableFuture<@Nullable T> makeAsync(String name, @Nullable Object data, Class<T> resultType);

	/**
	 * Calls a remote procedure without waiting for its result of a generic type, within
	 * the default deadline.
	 * @param <T> the result type
	 * @param name the RPC name
	 * @param data the data
	 * @param resultType the result type
	 * @return the future result, completed on the client's I/O thread
	 */
	<T> CompletableFuture<@Nullable T> makeAsync(String name, @Nullable Object data,
			ParameterizedTypeReference<T> resultType);

	/**
	 * Calls a remote procedure without waiting, within the given deadline.
	 * @param <T> the result type
	 * @param name the RPC name
	 * @param data the data
	 * @param resultType the result type
	 * @param deadline how long the call may take at most
	 * @return the future result, completed on the client's I/O thread
	 */
	<T> CompletableFuture<@Nullable T> makeAsync(String name, @Nullable Object data, Class<T> resultType,
			Duration deadline);

}
