package dev.deepstreamrpc.client;

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
 * answer are written under this object's monitor, so that an ACCEPT sent by the I/O
 * thread always leaves before the RESPONSE of a handler that answers at once.
 * <p>
 * Thread-safe. {@code accepted} and {@code completed} are guarded by this object's
 * monitor.
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

	private boolean completed;

	DefaultRpcResponse(Session session, String name, String correlationId, PayloadCodec codec, Runnable onCompletion) {
		this.session = session;
		this.name = name;
		this.correlationId = correlationId;
		this.codec = codec;
		this.onCompletion = onCompletion;
	}

	@Override
	public synchronized void ack() {
		if (!this.completed && !this.accepted) {
			this.accepted = true;
			send(RpcAction.ACCEPT, null);
		}
	}

	@Override
	public void send(@Nullable Object data) {
		byte[] json = encode(data, "response");
		if (json != null) {
			answer(RpcAction.RESPONSE, json);
		}
		else {
			error("The response could not be serialized");
		}
	}

	@Override
	public void send() {
		answer(RpcAction.RESPONSE, null);
	}

	@Override
	public void error(@Nullable Object error) {
		byte[] json = encode(error, "error");
		answer(RpcAction.REQUEST_ERROR, (json != null) ? json : this.codec.encode("The error could not be serialized"));
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
		synchronized (this) {
			if (this.completed) {
				return;
			}
			this.completed = true;
			if (this.accepted) {
				logger.debug("RPC '{}' was rejected after it was acknowledged", this.name);
			}
			send(RpcAction.REJECT, null);
		}
		this.onCompletion.run();
	}

	/**
	 * Gives up on the request once the server has stopped waiting for its answer: nothing
	 * more is sent.
	 * @return whether the request was still unanswered
	 */
	boolean expire() {
		synchronized (this) {
			if (this.completed) {
				return false;
			}
			this.completed = true;
		}
		this.onCompletion.run();
		return true;
	}

	@Override
	public synchronized boolean isCompleted() {
		return this.completed;
	}

	private void answer(RpcAction action, byte @Nullable [] data) {
		synchronized (this) {
			if (this.completed) {
				return;
			}
			this.completed = true;
			if (!this.accepted && action == RpcAction.RESPONSE) {
				this.accepted = true;
				send(RpcAction.ACCEPT, null);
			}
			if (send(action, data) == SendResult.TOO_LARGE) {
				logger.warn("The response to RPC '{}' exceeds the server's maximum message size", this.name);
				send(RpcAction.REQUEST_ERROR, this.codec.encode(RESPONSE_TOO_LARGE));
			}
		}
		this.onCompletion.run();
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
