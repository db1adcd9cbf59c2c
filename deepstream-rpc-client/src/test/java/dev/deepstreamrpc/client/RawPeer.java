package dev.deepstreamrpc.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.deepstreamrpc.client.wire.AuthAction;
import dev.deepstreamrpc.client.wire.ConnectionAction;
import dev.deepstreamrpc.client.wire.FrameCodec;
import dev.deepstreamrpc.client.wire.InboundMessageHandler;
import dev.deepstreamrpc.client.wire.MalformedFrameException;
import dev.deepstreamrpc.client.wire.proto.AuthMessage;
import dev.deepstreamrpc.client.wire.proto.ConnectionMessage;
import dev.deepstreamrpc.client.wire.proto.ParserMessage;
import dev.deepstreamrpc.client.wire.proto.RpcMessage;
import org.jspecify.annotations.Nullable;

/**
 * A deliberately dumb deepstream peer for tests: it logs in and then sends exactly the
 * RPC frames it is given, such as requests whose data is not JSON, which the client never
 * produces.
 */
final class RawPeer implements AutoCloseable {

	private final WebSocket webSocket;

	private final BlockingQueue<Object> received;

	private RawPeer(WebSocket webSocket, BlockingQueue<Object> received) {
		this.webSocket = webSocket;
		this.received = received;
	}

	static RawPeer login(URI uri, String authJson) throws Exception {
		BlockingQueue<Object> received = new LinkedBlockingQueue<>();
		WebSocket socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(uri, new Listener(received))
			.get(10, TimeUnit.SECONDS);
		RawPeer peer = new RawPeer(socket, received);
		peer.sendFrame(FrameCodec.encode(ConnectionMessage.newBuilder().setAction(ConnectionAction.CHALLENGE).build()));
		peer.next(ConnectionMessage.class, Duration.ofSeconds(10));
		peer.sendFrame(
				FrameCodec.encode(AuthMessage.newBuilder().setAction(AuthAction.REQUEST).setData(authJson).build()));
		AuthMessage result = peer.next(AuthMessage.class, Duration.ofSeconds(10));
		if (result.getAction() != AuthAction.AUTH_SUCCESSFUL) {
			throw new IllegalStateException("Login failed: " + result);
		}
		return peer;
	}

	void send(RpcMessage message) {
		sendFrame(FrameCodec.encode(message));
	}

	RpcMessage nextRpc(Duration timeout) throws InterruptedException {
		return next(RpcMessage.class, timeout);
	}

	private void sendFrame(byte[] frame) {
		this.webSocket.sendBinary(ByteBuffer.wrap(frame), true).join();
	}

	private <T> T next(Class<T> type, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Object next = this.received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			if (next == null) {
				throw new AssertionError("No " + type.getSimpleName() + " within " + timeout);
			}
			if (type.isInstance(next)) {
				return type.cast(next);
			}
		}
	}

	@Override
	public void close() {
		this.webSocket.abort();
	}

	private static final class Listener implements WebSocket.Listener, InboundMessageHandler {

		private final BlockingQueue<Object> queue;

		Listener(BlockingQueue<Object> queue) {
			this.queue = queue;
		}

		@Override
		public @Nullable CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			try {
				FrameCodec.decode(data, this);
			}
			catch (MalformedFrameException ex) {
				this.queue.add(ex);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public void onConnection(ConnectionMessage message) {
			this.queue.add(message);
		}

		@Override
		public void onAuth(AuthMessage message) {
			this.queue.add(message);
		}

		@Override
		public void onRpc(RpcMessage message) {
			this.queue.add(message);
		}

		@Override
		public void onParser(ParserMessage message) {
			this.queue.add(message);
		}

		@Override
		public void onOtherTopic(int topic) {
			this.queue.add(topic);
		}

	}

}
