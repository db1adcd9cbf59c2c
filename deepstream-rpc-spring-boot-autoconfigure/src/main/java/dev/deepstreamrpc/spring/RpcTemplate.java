package dev.deepstreamrpc.spring;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.DeepstreamRpcException;
import dev.deepstreamrpc.client.Payload;
import dev.deepstreamrpc.client.RpcSerializationException;
import dev.deepstreamrpc.spring.observation.DefaultRpcCallObservationConvention;
import dev.deepstreamrpc.spring.observation.RpcCallContext;
import dev.deepstreamrpc.spring.observation.RpcCallObservationConvention;
import dev.deepstreamrpc.spring.observation.RpcCallOutcome;
import dev.deepstreamrpc.spring.observation.RpcObservationDocumentation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.util.Assert;

/**
 * The default {@link RpcOperations}, on a {@link DeepstreamRpcClient}. Thread-safe, and
 * usable from inside {@link RpcProvider} methods, which run on the provider executor
 * rather than on the thread that completes calls.
 * <p>
 * Each call is observed, when an {@link ObservationRegistry} is set, as one
 * {@link RpcObservationDocumentation#CLIENT_CALL} observation from {@code make} to its
 * outcome; converting the result is not part of it.
 */
public class RpcTemplate implements RpcOperations {

	private final DeepstreamRpcClient client;

	private final Duration defaultDeadline;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private @Nullable RpcCallObservationConvention observationConvention;

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

	/**
	 * Sets where calls are observed; none by default.
	 * @param observationRegistry the registry
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		Assert.notNull(observationRegistry, "'observationRegistry' must not be null");
		this.observationRegistry = observationRegistry;
	}

	/**
	 * Sets how call observations are named and tagged, instead of
	 * {@link DefaultRpcCallObservationConvention}.
	 * @param observationConvention the convention, or {@code null} for the default
	 */
	public void setObservationConvention(@Nullable RpcCallObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
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
		return convert(name, await(name, call(name, data, deadline)), resultType);
	}

	@Override
	public <T> @Nullable T make(String name, @Nullable Object data, ParameterizedTypeReference<T> resultType,
			Duration deadline) {
		return convert(name, await(name, call(name, data, deadline)), resultType.getType());
	}

	@Override
	public <T> CompletableFuture<@Nullable T> makeAsync(String name, @Nullable Object data, Class<T> resultType) {
		return makeAsync(name, data, resultType, this.defaultDeadline);
	}

	@Override
	public <T> CompletableFuture<@Nullable T> makeAsync(String name, @Nullable Object data,
			ParameterizedTypeReference<T> resultType) {
		return call(name, data, this.defaultDeadline)
			.thenApply((result) -> convert(name, result, resultType.getType()));
	}

	@Override
	public <T> CompletableFuture<@Nullable T> makeAsync(String name, @Nullable Object data, Class<T> resultType,
			Duration deadline) {
		return call(name, data, deadline).thenApply((result) -> convert(name, result, resultType));
	}

	private CompletableFuture<Payload> call(String name, @Nullable Object data, Duration deadline) {
		RpcCallContext context = new RpcCallContext(name, deadline);
		Observation observation = RpcObservationDocumentation.CLIENT_CALL
			.observation(this.observationConvention, DefaultRpcCallObservationConvention.INSTANCE, () -> context,
					this.observationRegistry)
			.start();
		CompletableFuture<Payload> call;
		try {
			call = this.client.make(name, data, deadline);
		}
		catch (RuntimeException ex) {
			stop(observation, context, null, ex);
			throw ex;
		}
		return call.whenComplete((result, failure) -> stop(observation, context, result, failure));
	}

	private static void stop(Observation observation, RpcCallContext context, @Nullable Payload result,
			@Nullable Throwable failure) {
		RpcCallOutcome outcome = RpcCallOutcome.of(failure);
		context.setOutcome(outcome);
		if (failure != null) {
			observation.error((failure instanceof CompletionException && failure.getCause() != null)
					? failure.getCause() : failure);
		}
		else if (result != null) {
			context.setResponse(result);
		}
		observation.stop();
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
