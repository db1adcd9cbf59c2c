package dev.deepstreamrpc.embedded;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.deepstreamrpc.wire.RpcAction;
import dev.deepstreamrpc.wire.proto.RpcMessage;
import io.netty.channel.EventLoop;
import org.jspecify.annotations.Nullable;

/**
 * Handles the RPC topic for logged-in connections: registrations, requests and the
 * provider replies, keyed by correlation id across the whole server as the real server
 * keys them.
 * <p>
 * Confined to the server's event loop. The map of calls in flight is bounded in time
 * rather than size: every call leaves it when it ends, at the latest when its response
 * timer fires.
 */
final class RpcRouter {

	private final EmbeddedSettings settings;

	private final DefaultFaultInjection faults;

	private final EventLoop eventLoop;

	private final ProviderRegistry providers = new ProviderRegistry();

	/**
	 * The calls in flight by correlation id; a reused id replaces the entry, as in the
	 * real server.
	 */
	private final Map<String, RpcCall> calls = new HashMap<>();

	private final SplittableRandom random = new SplittableRandom();

	RpcRouter(EmbeddedSettings settings, DefaultFaultInjection faults, EventLoop eventLoop) {
		this.settings = settings;
		this.faults = faults;
		this.eventLoop = eventLoop;
	}

	void onMessage(ClientSession sender, RpcMessage message) {
		switch (RpcAction.of(message.getAction())) {
			case REQUEST -> onRequest(sender, message);
			case PROVIDE -> onProvide(sender, message);
			case UNPROVIDE -> onUnprovide(sender, message);
			case ACCEPT, RESPONSE, REJECT, REQUEST_ERROR -> onReply(sender, message);
			default -> {
			}
		}
	}

	private void onProvide(ClientSession provider, RpcMessage message) {
		for (String name : message.getNamesList()) {
			if (!this.providers.add(provider, name)) {
				provider.send(ServerMessages.multipleProviders(name));
			}
		}
		provider.send(ServerMessages.ack(message.getAction(), message.getCorrelationId()));
	}

	private void onUnprovide(ClientSession provider, RpcMessage message) {
		message.getNamesList().forEach((name) -> this.providers.remove(provider, name));
		provider.send(ServerMessages.ack(message.getAction(), message.getCorrelationId()));
	}

	/**
	 * Routes a request to a random provider, unless a fault is planned for it. Like the
	 * real server, a request that finds no provider also forgets any call in flight under
	 * the same correlation id.
	 * @param requestor the requestor's connection
	 * @param request the request
	 */
	private void onRequest(ClientSession requestor, RpcMessage request) {
		PlannedFault fault = this.faults.take(request.getName());
		if (fault != null) {
			injectFault(requestor, request, fault);
			return;
		}
		ClientSession provider = this.providers.pick(request.getName(), this.random);
		if (provider == null) {
			this.calls.remove(request.getCorrelationId());
			requestor
				.send(ServerMessages.rpc(RpcAction.NO_RPC_PROVIDER, request.getName(), request.getCorrelationId()));
			return;
		}
		RpcCall call = newCall(requestor, request);
		this.calls.put(call.correlationId(), call);
		call.dispatch(provider);
	}

	private void injectFault(ClientSession requestor, RpcMessage request, PlannedFault fault) {
		switch (fault.kind()) {
			case TIME_OUT -> {
				RpcCall call = newCall(requestor, request);
				this.calls.put(call.correlationId(), call);
				call.swallow();
			}
			case REJECT -> requestor
				.send(ServerMessages.rpc(RpcAction.NO_RPC_PROVIDER, request.getName(), request.getCorrelationId()));
			case FAIL -> requestor.send(ServerMessages.requestError(request.getName(), request.getCorrelationId(),
					JsonText.quote(String.valueOf(fault.error()))));
		}
	}

	private RpcCall newCall(ClientSession requestor, RpcMessage request) {
		RpcMessage.Builder forwarded = request.toBuilder().clearRequestorData();
		if (this.settings.provideRequestorName()) {
			forwarded.setRequestorName(Objects.requireNonNull(requestor.userId()));
		}
		String requestorData;
		if (this.settings.provideRequestorData()) {
			requestorData = requestor.clientData();
		}
		else {
			requestorData = request.hasRequestorData() ? quoteIfNotEmpty(request.getRequestorData()) : null;
		}
		return new RpcCall(this, requestor, forwarded.build(), requestorData);
	}

	private static String quoteIfNotEmpty(String requestorData) {
		return requestorData.isEmpty() ? requestorData : JsonText.quote(requestorData);
	}

	private void onReply(ClientSession sender, RpcMessage reply) {
		RpcCall call = this.calls.get(reply.getCorrelationId());
		if (call == null) {
			sender.send(ServerMessages.invalidCorrelationId(reply));
			return;
		}
		call.onReply(reply);
	}

	@Nullable ClientSession untriedProvider(String name, Set<ClientSession> tried) {
		return this.providers.pickUntried(name, tried, this.random);
	}

	ScheduledFuture<?> scheduleAckTimeout(Runnable timeout) {
		return schedule(timeout, this.settings.ackTimeout());
	}

	ScheduledFuture<?> scheduleResponseTimeout(Runnable timeout) {
		return schedule(timeout, this.settings.responseTimeout());
	}

	private ScheduledFuture<?> schedule(Runnable timeout, Duration delay) {
		return this.eventLoop.schedule(timeout, delay.toNanos(), TimeUnit.NANOSECONDS);
	}

	void forget(String correlationId) {
		this.calls.remove(correlationId);
	}

	/**
	 * Removes the registrations of a closed connection. Its calls keep running, as in the
	 * real server: as requestor their answers are dropped, as provider they time out.
	 * @param session the closed connection
	 */
	void onClosed(ClientSession session) {
		this.providers.removeAll(session);
	}

}
