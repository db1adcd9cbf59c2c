package dev.deepstreamrpc.client;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.deepstreamrpc.client.transport.JdkWebSocketTransport;
import dev.deepstreamrpc.client.transport.Transport;
import dev.deepstreamrpc.client.transport.TransportConnection;
import dev.deepstreamrpc.client.transport.TransportListener;
import dev.deepstreamrpc.wire.FrameCodec;
import dev.deepstreamrpc.wire.InboundMessageHandler;
import dev.deepstreamrpc.wire.MalformedFrameException;
import dev.deepstreamrpc.wire.RpcAction;
import dev.deepstreamrpc.wire.proto.RpcMessage;

/**
 * Wraps the JDK transport and records what the client writes, so that a test can prove
 * that a call which failed locally put nothing on the wire.
 * <p>
 * Thread-safe: counters are atomic and RPC messages are kept in a concurrent queue,
 * unbounded because a test sends a known, small number of them.
 */
final class RecordingTransport implements Transport {

	private final Transport delegate = new JdkWebSocketTransport();

	private final AtomicLong bytes = new AtomicLong();

	private final AtomicInteger largestFrame = new AtomicInteger();

	private final Queue<RpcMessage> rpcMessages = new ConcurrentLinkedQueue<>();

	@Override
	public CompletableFuture<TransportConnection> connect(URI uri, Duration timeout, TransportListener listener) {
		return this.delegate.connect(uri, timeout, listener).thenApply(Recording::new);
	}

	/**
	 * How many bytes the client has written, across all its sockets.
	 * @return the count
	 */
	long bytes() {
		return this.bytes.get();
	}

	int largestFrame() {
		return this.largestFrame.get();
	}

	/**
	 * The RPC messages of one action the client has written for one name.
	 * @param action the action
	 * @param name the RPC name
	 * @return the messages, oldest first
	 */
	List<RpcMessage> rpcMessages(RpcAction action, String name) {
		return this.rpcMessages.stream()
			.filter((message) -> message.getAction() == action.code() && name.equals(message.getName()))
			.toList();
	}

	private void record(byte[] frame) {
		this.bytes.addAndGet(frame.length);
		this.largestFrame.accumulateAndGet(frame.length, Math::max);
		try {
			FrameCodec.decode(ByteBuffer.wrap(frame), InboundMessageHandler.rpcOnly(this.rpcMessages::add));
		}
		catch (MalformedFrameException ex) {
			throw new AssertionError("The client wrote a malformed frame", ex);
		}
	}

	/**
	 * One socket of the delegate, recording each frame before it is written.
	 */
	private final class Recording implements TransportConnection {

		private final TransportConnection connection;

		Recording(TransportConnection connection) {
			this.connection = connection;
		}

		@Override
		public boolean send(byte[] message) {
			record(message);
			return this.connection.send(message);
		}

		@Override
		public void abort() {
			this.connection.abort();
		}

		@Override
		public void close() {
			this.connection.close();
		}

	}

}
