package dev.deepstreamrpc.embedded;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

import dev.deepstreamrpc.wire.FrameCodec;
import dev.deepstreamrpc.wire.RpcAction;
import dev.deepstreamrpc.wire.proto.RpcMessage;
import org.jspecify.annotations.Nullable;

/**
 * One call in flight, relayed between its requestor and the current provider exactly as
 * the real server's {@code Rpc} class does, including its quirks: both timers restart on
 * every dispatch, an ack timeout is final, the accepted flag survives a re-route, and the
 * requestor data is JSON-encoded once more on every dispatch.
 * <p>
 * Confined to the server's event loop.
 */
final class RpcCall {

	private final RpcRouter router;

	private final ClientSession requestor;

	private final RpcMessage request;

	/** The requestor data to put on the next dispatch, or {@code null} for none. */
	private @Nullable String requestorData;

	/** The providers this call was dispatched to. */
	private final Set<ClientSession> tried = new HashSet<>(4);

	/** The provider currently holding the request; {@code null} for a swallowed call. */
	private @Nullable ClientSession provider;

	/**
	 * Whether an ACCEPT was forwarded; not reset by a re-route, as in the real server.
	 */
	private boolean accepted;

	/**
	 * Ends the call with ACCEPT_TIMEOUT; restarted on every dispatch, cancelled by
	 * ACCEPT.
	 */
	private @Nullable ScheduledFuture<?> ackTimer;

	/** Ends the call with RESPONSE_TIMEOUT; restarted on every dispatch. */
	private @Nullable ScheduledFuture<?> responseTimer;

	RpcCall(RpcRouter router, ClientSession requestor, RpcMessage request, @Nullable String requestorData) {
		this.router = router;
		this.requestor = requestor;
		this.request = request;
		this.requestorData = requestorData;
	}

	String correlationId() {
		return this.request.getCorrelationId();
	}

	/**
	 * Hands the request to a provider and restarts both timers.
	 * @param next the provider
	 */
	void dispatch(ClientSession next) {
		this.tried.add(next);
		this.provider = next;
		startTimers();
		next.send(FrameCodec.encode(forwardedRequest()));
	}

	/**
	 * Starts the timers without handing the request to anyone, so the requestor gets
	 * {@code ACCEPT_TIMEOUT}.
	 */
	void swallow() {
		startTimers();
	}

	private RpcMessage forwardedRequest() {
		String data = this.requestorData;
		if (data == null) {
			return this.request;
		}
		this.requestorData = data.isEmpty() ? data : JsonText.quote(data);
		return this.request.toBuilder().setRequestorData(data).build();
	}

	private void startTimers() {
		cancelTimers();
		this.ackTimer = this.router.scheduleAckTimeout(() -> timedOut(RpcAction.ACCEPT_TIMEOUT));
		this.responseTimer = this.router.scheduleResponseTimeout(() -> timedOut(RpcAction.RESPONSE_TIMEOUT));
	}

	/**
	 * Handles an {@code ACCEPT}, {@code REJECT}, {@code RESPONSE} or
	 * {@code REQUEST_ERROR} for this call, whoever sent it.
	 * @param reply the message
	 */
	void onReply(RpcMessage reply) {
		switch (RpcAction.of(reply.getAction())) {
			case ACCEPT -> onAccept(reply);
			case REJECT -> reroute();
			case RESPONSE, REQUEST_ERROR -> {
				this.requestor.send(FrameCodec.encode(reply));
				end();
			}
			default -> {
			}
		}
	}

	private void onAccept(RpcMessage accept) {
		if (this.accepted) {
			if (this.provider != null) {
				this.provider.send(notice(RpcAction.MULTIPLE_ACCEPT));
			}
			return;
		}
		cancel(this.ackTimer);
		this.accepted = true;
		this.requestor.send(FrameCodec.encode(accept));
	}

	private void reroute() {
		ClientSession alternative = this.router.untriedProvider(this.request.getName(), this.tried);
		if (alternative != null) {
			dispatch(alternative);
			return;
		}
		this.requestor.send(notice(RpcAction.NO_RPC_PROVIDER));
		end();
	}

	private void timedOut(RpcAction timeout) {
		this.requestor.send(notice(timeout));
		end();
	}

	private byte[] notice(RpcAction action) {
		return ServerMessages.rpc(action, this.request.getName(), this.request.getCorrelationId());
	}

	private void end() {
		cancelTimers();
		this.router.forget(correlationId());
	}

	private void cancelTimers() {
		cancel(this.ackTimer);
		cancel(this.responseTimer);
	}

	private static void cancel(@Nullable ScheduledFuture<?> timer) {
		if (timer != null) {
			timer.cancel(false);
		}
	}

}
