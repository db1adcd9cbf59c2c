package dev.deepstreamrpc.spring;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.DeepstreamRpcException;
import dev.deepstreamrpc.client.Payload;
import dev.deepstreamrpc.client.RpcSerializationException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.util.Assert;

/**
 * The default {@link RpcOperations}, on a {@link DeepstreamRpcClient}. Thread-safe, and
 * usable from inside {@link RpcProvider} methods, which run on the provider executor
 * rather than on the thread that completes calls.
 */
public class RpcTemplate implements RpcOperations {

	private final DeepstreamRpcClient client;

	private final Duration defaultDeadline;

	/**
	 * Creates a template.
	 * @param client the client that makes the calls
	 * @param defaultDeadline the deadline of calls made without one
	 */
	public RpcTemplate(DeepstreamRpcClient client, Duration defaultDeadline) {
		Assert.notNull(client, "'client' must not be null");
		Assert.isTrue(!defaultDeadline.isNegative() && !defaultDeadline.isZero(), "'defaultDeadline' must be positive");
		this.client = client;
		this.defaultDeadline = defaultDeadline;
	}

	@Override
	public <T> @Nullable T make(String name, @Nullable Object data, Class<T> resultType) {
		return make(name, data, resultType, this.defaultDeadline);
	}

	@Override
	public <T> @Nullable T make(String name, @Nullable Object data, ParameterizedTypeReference<T> resultType) {
		return make(name, data, resultType, this.defaultDeadline);
	}

	@Override
	public <T> @Nullable T make(String name, @Nullable Object data, Class<T> resultType, Duration deadline) {
		return convert(name, await(name, this.client.make(name, data, deadline)), resultType);
	}

	@Override
	public <T> @Nullable T make(String name, @Nullable Object data, ParameterizedTypeReference<T> resultType,
			Duration deadline) {
		return convert(name, await(name, this.client.make(name, data, deadline)), resultType.getType());
	}

	@Override
	public <T> CompletableFuture<@Nullable T> makeAsync(String name, @Nullable Object data, Class<T> resultType) {
		return makeAsync(name, data, resultType, this.defaultDeadline);
	}

	@Override
	public <T> CompletableFuture<@Nullable T> makeAsync(String name, @Nullable Object data,
			ParameterizedTypeReference<T> resultType) {
		return this.client.make(name, data, this.defaultDeadline)
			.thenApply((result) -> convert(name, result, resultType.getType()));
	}

	@Override
	public <T> CompletableFuture<@Nullable T> makeAsync(String name, @Nullable Object data, Class<T> resultType,
			Duration deadline) {
		return this.client.make(name, data, deadline).thenApply((result) -> convert(name, result, resultType));
	}

	private static Payload await(String name, CompletableFuture<Payload> call) {
		try {
			return call.get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new DeepstreamRpcException("RPC '" + name + "' failed", DeepstreamRpcException.Outcome.UNKNOWN,
					ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DeepstreamRpcException("Interrupted while waiting for RPC '" + name + "'",
					DeepstreamRpcException.Outcome.UNKNOWN, ex);
		}
	}

	private static <T> @Nullable T convert(String name, Payload result, Type resultType) {
		try {
			return result.as(resultType);
		}
		catch (RpcSerializationException ex) {
			throw new RpcSerializationException(
					"The result of RPC '" + name + "' could not be read as " + resultType.getTypeName(),
					DeepstreamRpcException.Outcome.REMOTE, ex);
		}
	}

}
