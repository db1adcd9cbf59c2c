package dev.deepstreamrpc.client;

import java.util.function.Consumer;

import com.google.protobuf.UnsafeByteOperations;
import dev.deepstreamrpc.client.connection.SendResult;
import dev.deepstreamrpc.client.connection.Session;
import dev.deepstreamrpc.wire.RpcAction;
import dev.deepstreamrpc.wire.proto.RpcMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one request on the session it arrived on. The acknowledgement and the final
 * answer are written under this object's monitor, so that an ACCEPT never follows the
 * answer; an answer needs no ACCEPT before it, since the server forwards an answer that
 * arrives in time and stops its ack timer with it.
 * <p>
 * Thread-safe. {@code accepted}, {@code outcome} and {@code callbacks} are guarded by
 * this object's monitor; completion callbacks run outside it, once, on the thread that
 * completed the request.
 */
final class DefaultRpcResponse implements RpcResponse {

	static final String INVALID_ARGUMENT = "INVALID_ARGUMENT";

	static final String RESPONSE_TOO_LARGE = "RESPONSE_TOO_LARGE";

	private static final Logger logger = LoggerFactory.getLogger(DefaultRpcResponse.class);

	private final Session session;

	private final String name;

	private final String correlationId;

	private final PayloadCodec codec;

	private final Runnable onCompletion;

	private boolean accepted;

	private @Nullable ProviderOutcome outcome;

	private @Nullable Consumer<ProviderOutcome> callbacks;

	DefaultRpcResponse(Session session, String name, String correlationId, PayloadCodec codec, Runnable onCompletion) {
		this.session = session;
		this.name = name;
		this.correlationId = correlationId;
		this.codec = codec;
		this.onCompletion = onCompletion;
	}

	@Override
	public synchronized void ack() {
		if (this.outcome == null && !this.accepted) {
			this.accepted = true;
			send(RpcAction.ACCEPT, null);
		}
	}

	@Override
	public void send(@Nullable Object data) {
		byte[] json = encode(data, "response");
		if (json != null) {
			answer(RpcAction.RESPONSE, json, ProviderOutcome.SENT);
		}
		else {
			error("The response could not be serialized");
		}
	}

	@Override
	public void send() {
		answer(RpcAction.RESPONSE, null, ProviderOutcome.SENT);
	}

	@Override
	public void error(@Nullable Object error) {
		byte[] json = encode(error, "error");
		answer(RpcAction.REQUEST_ERROR, (json != null) ? json : this.codec.encode("The error could not be serialized"),
				isInvalidArgument(error) ? ProviderOutcome.INVALID_ARGUMENT : ProviderOutcome.ERROR);
	}

	private static boolean isInvalidArgument(@Nullable Object error) {
		return error instanceof String message && message.startsWith(INVALID_ARGUMENT);
	}

	private byte @Nullable [] encode(@Nullable Object value, String what) {
		try {
			return this.codec.encode(value);
		}
		catch (RpcSerializationException ex) {
			logger.warn("Could not serialize the {} to RPC '{}'", what, this.name, ex);
			return null;
		}
	}

	@Override
	public void reject() {
		@Nullable Consumer<ProviderOutcome> completed;
		synchronized (this) {
			if (this.outcome != null) {
				return;
			}
			completed = complete(ProviderOutcome.REJECTED);
			if (this.accepted) {
				logger.debug("RPC '{}' was rejected after it was acknowledged", this.name);
			}
			send(RpcAction.REJECT, null);
		}
		finish(ProviderOutcome.REJECTED, completed);
	}

	/**
	 * Gives up on the request once the server has stopped waiting for its answer: nothing
	 * more is sent.
	 * @return whether the request was still unanswered
	 */
	boolean expire() {
		@Nullable Consumer<ProviderOutcome> completed;
		synchronized (this) {
			if (this.outcome != null) {
				return false;
			}
			completed = complete(ProviderOutcome.EXPIRED);
		}
		finish(ProviderOutcome.EXPIRED, completed);
		return true;
	}

	@Override
	public synchronized boolean isCompleted() {
		return this.outcome != null;
	}

	/**
	 * How the request ended.
	 * @return the outcome, or {@code null} while it is being served
	 */
	synchronized @Nullable ProviderOutcome outcome() {
		return this.outcome;
	}

	@Override
	public void whenCompleted(Consumer<ProviderOutcome> callback) {
		ProviderOutcome ended;
		synchronized (this) {
			ended = this.outcome;
			if (ended == null) {
				this.callbacks = (this.callbacks != null) ? this.callbacks.andThen(callback) : callback;
				return;
			}
		}
		callback.accept(ended);
	}

	private void answer(RpcAction action, byte @Nullable [] data, ProviderOutcome answered) {
		@Nullable Consumer<ProviderOutcome> completed;
		ProviderOutcome ended = answered;
		synchronized (this) {
			if (this.outcome != null) {
				return;
			}
			if (send(action, data) == SendResult.TOO_LARGE) {
				logger.warn("The response to RPC '{}' exceeds the server's maximum message size", this.name);
				send(RpcAction.REQUEST_ERROR, this.codec.encode(RESPONSE_TOO_LARGE));
				ended = ProviderOutcome.ERROR;
			}
			completed = complete(ended);
		}
		finish(ended, completed);
	}

	/**
	 * Marks the request complete, under the monitor.
	 * @param ended how it ended
	 * @return the callbacks to run once the monitor is released
	 */
	private @Nullable Consumer<ProviderOutcome> complete(ProviderOutcome ended) {
		this.outcome = ended;
		@Nullable Consumer<ProviderOutcome> completed = this.callbacks;
		this.callbacks = null;
		return completed;
	}

	private void finish(ProviderOutcome ended, @Nullable Consumer<ProviderOutcome> completed) {
		this.onCompletion.run();
		if (completed != null) {
			try {
				completed.accept(ended);
			}
			catch (RuntimeException ex) {
				logger.warn("A completion callback of RPC '{}' failed", this.name, ex);
			}
		}
	}

	private SendResult send(RpcAction action, byte @Nullable [] data) {
		RpcMessage.Builder message = RpcMessage.newBuilder()
			.setAction(action.code())
			.setName(this.name)
			.setCorrelationId(this.correlationId);
		if (data != null) {
			message.setDataBytes(UnsafeByteOperations.unsafeWrap(data));
		}
		SendResult result = this.session.send(message.build());
		if (result == SendResult.NOT_OPEN) {
			logger.debug("Dropped {} for RPC '{}': its connection has ended", action, this.name);
		}
		return result;
	}

}
