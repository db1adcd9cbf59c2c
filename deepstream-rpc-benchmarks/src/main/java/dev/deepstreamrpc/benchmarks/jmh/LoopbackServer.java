package dev.deepstreamrpc.benchmarks.jmh;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.google.protobuf.ByteString;
import dev.deepstreamrpc.client.transport.Transport;
import dev.deepstreamrpc.client.transport.TransportConnection;
import dev.deepstreamrpc.client.transport.TransportListener;
import dev.deepstreamrpc.wire.AuthAction;
import dev.deepstreamrpc.wire.ConnectionAction;
import dev.deepstreamrpc.wire.FrameCodec;
import dev.deepstreamrpc.wire.InboundMessageHandler;
import dev.deepstreamrpc.wire.MalformedFrameException;
import dev.deepstreamrpc.wire.RpcAction;
import dev.deepstreamrpc.wire.proto.AuthMessage;
import dev.deepstreamrpc.wire.proto.ConnectionMessage;
import dev.deepstreamrpc.wire.proto.ParserMessage;
import dev.deepstreamrpc.wire.proto.RpcMessage;

/**
 * An in-memory stand-in for the deepstream server that routes RPCs between the clients
 * connected to it the way the real server does, so that a benchmark measures the client's
 * own work on every frame without a network or a second process. The name
 * {@value #SERVER_ECHO} is answered by this server itself.
 * <p>
 * Frames are delivered on the thread that sent the frame that caused them, one at a time
 * per connection: a frame sent while delivering is queued and delivered next.
 * Thread-safe.
 */
public final class LoopbackServer implements Transport {

	/** The RPC name this server answers itself, with the request's data. */
	public static final String SERVER_ECHO = "server-echo";

	private final Map<String, Peer> providers = new ConcurrentHashMap<>();

	private final Map<String, Peer> requestors = new ConcurrentHashMap<>();

	private final AtomicLong answers = new AtomicLong();

	@Override
	public CompletableFuture<TransportConnection> connect(URI uri, Duration timeout, TransportListener listener) {
		return CompletableFuture.completedFuture(new Peer(listener));
	}

	/**
	 * Hands a request to the provider of the name, as if another client had made it.
	 * @param name the RPC name
	 * @param correlationId the id its answers carry
	 * @param data the JSON data
	 */
	public void request(String name, String correlationId, ByteString data) {
		Peer provider = this.providers.get(name);
		if (provider == null) {
			throw new IllegalStateException("RPC '" + name + "' is not provided");
		}
		provider.deliver(rpc(RpcAction.REQUEST, name, correlationId).setDataBytes(data).build());
	}

	/**
	 * How many answers to requests made with {@link #request} have arrived.
	 * @return the count
	 */
	public long answers() {
		return this.answers.get();
	}

	public boolean isProvided(String name) {
		return this.providers.containsKey(name);
	}

	private static RpcMessage.Builder rpc(RpcAction action, String name, String correlationId) {
		return RpcMessage.newBuilder().setAction(action.code()).setName(name).setCorrelationId(correlationId);
	}

	private final class Peer implements TransportConnection, InboundMessageHandler {

		private final TransportListener listener;

		private final Queue<byte[]> inbound = new ConcurrentLinkedQueue<>();

		private final AtomicBoolean delivering = new AtomicBoolean();

		private final AtomicBoolean closed = new AtomicBoolean();

		Peer(TransportListener listener) {
			this.listener = listener;
		}

		@Override
		public boolean send(byte[] message) {
			if (this.closed.get()) {
				return false;
			}
			try {
				FrameCodec.decode(ByteBuffer.wrap(message), this);
			}
			catch (MalformedFrameException ex) {
				throw new IllegalStateException(ex);
			}
			return true;
		}

		void deliver(RpcMessage message) {
			deliverFrame(FrameCodec.encode(message));
		}

		private void deliverFrame(byte[] frame) {
			this.inbound.add(frame);
			while (this.delivering.compareAndSet(false, true)) {
				byte[] next;
				while ((next = this.inbound.poll()) != null) {
					this.listener.onMessage(ByteBuffer.wrap(next));
				}
				this.delivering.set(false);
				if (this.inbound.isEmpty()) {
					return;
				}
			}
		}

		@Override
		public void abort() {
			close();
		}

		@Override
		public void close() {
			if (this.closed.compareAndSet(false, true)) {
				LoopbackServer.this.providers.values().removeIf((peer) -> peer == this);
				this.listener.onClosed(null);
			}
		}

		@Override
		public void onConnection(ConnectionMessage message) {
			int reply = (message.getAction() == ConnectionAction.CHALLENGE) ? ConnectionAction.ACCEPT
					: ConnectionAction.PONG;
			deliverFrame(FrameCodec.encode(ConnectionMessage.newBuilder().setAction(reply).build()));
		}

		@Override
		public void onAuth(AuthMessage message) {
			deliverFrame(FrameCodec
				.encode(AuthMessage.newBuilder().setAction(AuthAction.AUTH_SUCCESSFUL).setData("{}").build()));
		}

		@Override
		public void onRpc(RpcMessage message) {
			RpcAction action = RpcAction.of(message.getAction());
			switch (action) {
				case PROVIDE -> provided(message);
				case REQUEST -> requested(message);
				case ACCEPT, RESPONSE, REQUEST_ERROR, REJECT -> answered(message);
				default -> {
				}
			}
		}

		private void provided(RpcMessage message) {
			message.getNamesList().forEach((name) -> LoopbackServer.this.providers.put(name, this));
			deliver(RpcMessage.newBuilder()
				.setAction(RpcAction.PROVIDE.code())
				.setIsAck(true)
				.setCorrelationId(message.getCorrelationId())
				.addAllNames(message.getNamesList())
				.build());
		}

		private void requested(RpcMessage message) {
			if (SERVER_ECHO.equals(message.getName())) {
				deliver(rpc(RpcAction.ACCEPT, message.getName(), message.getCorrelationId()).build());
				deliver(message.toBuilder().setAction(RpcAction.RESPONSE.code()).build());
				return;
			}
			Peer provider = LoopbackServer.this.providers.get(message.getName());
			if (provider == null) {
				deliver(rpc(RpcAction.NO_RPC_PROVIDER, message.getName(), message.getCorrelationId()).build());
				return;
			}
			LoopbackServer.this.requestors.put(message.getCorrelationId(), this);
			provider.deliver(message);
		}

		private void answered(RpcMessage message) {
			boolean last = message.getAction() != RpcAction.ACCEPT.code();
			Peer requestor = last ? LoopbackServer.this.requestors.remove(message.getCorrelationId())
					: LoopbackServer.this.requestors.get(message.getCorrelationId());
			if (requestor != null) {
				requestor.deliver(message);
			}
			else if (last) {
				LoopbackServer.this.answers.incrementAndGet();
			}
		}

		@Override
		public void onParser(ParserMessage message) {
		}

		@Override
		public void onOtherTopic(int topic) {
		}

	}

}
