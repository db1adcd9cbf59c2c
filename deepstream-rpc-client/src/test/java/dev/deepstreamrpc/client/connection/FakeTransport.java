package dev.deepstreamrpc.client.connection;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.google.protobuf.MessageLite;
import dev.deepstreamrpc.client.transport.Transport;
import dev.deepstreamrpc.client.transport.TransportConnection;
import dev.deepstreamrpc.client.transport.TransportListener;
import dev.deepstreamrpc.wire.AuthAction;
import dev.deepstreamrpc.wire.ConnectionAction;
import dev.deepstreamrpc.wire.FrameCodec;
import dev.deepstreamrpc.wire.InboundMessageHandler;
import dev.deepstreamrpc.wire.MalformedFrameException;
import dev.deepstreamrpc.wire.proto.AuthMessage;
import dev.deepstreamrpc.wire.proto.ConnectionMessage;
import dev.deepstreamrpc.wire.proto.ParserMessage;
import dev.deepstreamrpc.wire.proto.RpcMessage;
import dev.deepstreamrpc.wire.proto.Topic;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Transport} without a network, so that the connection's state machine and
 * timing can be tested on a {@link FakeClock}: every socket records the frames the client
 * writes and when, answers the handshake and pings the way the test sets, and lets the
 * test feed any frame or drop the socket. Everything it delivers goes through the clock,
 * as if from an I/O thread, never from inside the client's own call.
 * <p>
 * Not thread-safe: confined to the test's thread, like the clock.
 */
final class FakeTransport implements Transport {

	private final FakeClock clock;

	private final List<Long> connectNanos = new ArrayList<>();

	private final List<FakeSocket> sockets = new ArrayList<>();

	private boolean refuseConnections;

	private LoginAnswer loginAnswer = LoginAnswer.ACCEPT;

	private boolean answerPings = true;

	FakeTransport(FakeClock clock) {
		this.clock = clock;
	}

	@Override
	public CompletableFuture<TransportConnection> connect(URI uri, Duration timeout, TransportListener listener) {
		this.connectNanos.add(this.clock.nanoTime());
		CompletableFuture<TransportConnection> opened = new CompletableFuture<>();
		if (this.refuseConnections) {
			this.clock.execute(() -> opened.completeExceptionally(new ConnectException("Connection refused")));
		}
		else {
			FakeSocket socket = new FakeSocket(listener);
			this.sockets.add(socket);
			this.clock.execute(() -> opened.complete(socket));
		}
		return opened;
	}

	void refuseConnections(boolean refuse) {
		this.refuseConnections = refuse;
	}

	void answerLogins(LoginAnswer answer) {
		this.loginAnswer = answer;
	}

	void answerPings(boolean answer) {
		this.answerPings = answer;
	}

	/**
	 * When each connection attempt was made, refused ones included.
	 * @return the times in fake nanoseconds
	 */
	List<Long> connectNanos() {
		return this.connectNanos;
	}

	List<FakeSocket> sockets() {
		return this.sockets;
	}

	FakeSocket lastSocket() {
		return this.sockets.get(this.sockets.size() - 1);
	}

	/**
	 * How the fake server answers a login.
	 */
	enum LoginAnswer {

		ACCEPT, REFUSE, IGNORE

	}

	/**
	 * One frame the client wrote.
	 *
	 * @param nanos when, in fake nanoseconds
	 * @param topic its topic
	 * @param action its action within the topic
	 */
	record Sent(long nanos, Topic topic, int action) {
	}

	/**
	 * One fake socket and the minimal server behind it.
	 */
	final class FakeSocket implements TransportConnection {

		private final TransportListener listener;

		private final List<Sent> sent = new ArrayList<>();

		private @Nullable Long abortedNanos;

		private boolean closed;

		FakeSocket(TransportListener listener) {
			this.listener = listener;
		}

		@Override
		public boolean send(byte[] message) {
			if (isEnded()) {
				return false;
			}
			try {
				FrameCodec.decode(ByteBuffer.wrap(message), new Server());
			}
			catch (MalformedFrameException ex) {
				throw new AssertionError("The client wrote a malformed frame", ex);
			}
			return true;
		}

		@Override
		public void abort() {
			if (this.abortedNanos == null) {
				this.abortedNanos = FakeTransport.this.clock.nanoTime();
			}
		}

		@Override
		public void close() {
			this.closed = true;
		}

		/**
		 * Delivers a message to the client, as the server would.
		 * @param topic the topic
		 * @param message the inner message
		 */
		void feed(Topic topic, MessageLite message) {
			byte[] frame = FrameCodec.encode(topic, message);
			FakeTransport.this.clock.execute(() -> {
				if (!isEnded()) {
					this.listener.onMessage(ByteBuffer.wrap(frame));
				}
			});
		}

		void feedConnection(int action) {
			feed(Topic.CONNECTION, ConnectionMessage.newBuilder().setAction(action).build());
		}

		/**
		 * Ends the socket from the network's side, as a reset would.
		 */
		void drop() {
			FakeTransport.this.clock.execute(() -> {
				if (!isEnded()) {
					this.closed = true;
					this.listener.onClosed(new IOException("Connection reset"));
				}
			});
		}

		List<Sent> sent(Topic topic, int action) {
			return this.sent.stream().filter((s) -> s.topic() == topic && s.action() == action).toList();
		}

		@Nullable Long abortedNanos() {
			return this.abortedNanos;
		}

		boolean isClosed() {
			return this.closed;
		}

		private boolean isEnded() {
			return this.abortedNanos != null || this.closed;
		}

		private void record(Topic topic, int action) {
			this.sent.add(new Sent(FakeTransport.this.clock.nanoTime(), topic, action));
		}

		/**
		 * The fake server's side of the protocol: records each frame and answers it.
		 */
		private final class Server implements InboundMessageHandler {

			@Override
			public void onConnection(ConnectionMessage message) {
				record(Topic.CONNECTION, message.getAction());
				if (message.getAction() == ConnectionAction.CHALLENGE) {
					feedConnection(ConnectionAction.ACCEPT);
				}
				else if (message.getAction() == ConnectionAction.PING && FakeTransport.this.answerPings) {
					feedConnection(ConnectionAction.PONG);
				}
			}

			@Override
			public void onAuth(AuthMessage message) {
				record(Topic.AUTH, message.getAction());
				if (message.getAction() != AuthAction.REQUEST) {
					return;
				}
				switch (FakeTransport.this.loginAnswer) {
					case ACCEPT ->
						feed(Topic.AUTH, AuthMessage.newBuilder().setAction(AuthAction.AUTH_SUCCESSFUL).build());
					case REFUSE ->
						feed(Topic.AUTH, AuthMessage.newBuilder().setAction(AuthAction.AUTH_UNSUCCESSFUL).build());
					case IGNORE -> {
					}
				}
			}

			@Override
			public void onRpc(RpcMessage message) {
				record(Topic.RPC, message.getAction());
			}

			@Override
			public void onParser(ParserMessage message) {
				record(Topic.PARSER, message.getAction());
			}

			@Override
			public void onOtherTopic(int topic) {
			}

		}

	}

}
