package dev.deepstreamrpc.wire;

import java.util.function.Consumer;

import dev.deepstreamrpc.wire.proto.AuthMessage;
import dev.deepstreamrpc.wire.proto.ConnectionMessage;
import dev.deepstreamrpc.wire.proto.ParserMessage;
import dev.deepstreamrpc.wire.proto.RpcMessage;

/**
 * Receives each decoded inbound message by topic, so that callers switch on types rather
 * than on topic numbers.
 */
public interface InboundMessageHandler {

	void onConnection(ConnectionMessage message);

	void onAuth(AuthMessage message);

	void onRpc(RpcMessage message);

	void onParser(ParserMessage message);

	/**
	 * Called for a topic an RPC client has no use for (events, records, presence, ...).
	 * @param topic the topic number
	 */
	void onOtherTopic(int topic);

	/**
	 * Returns a handler that passes RPC messages on and ignores every other topic, for
	 * peers and tools that follow RPC traffic only.
	 * @param rpc receives each RPC message
	 * @return the handler
	 */
	static InboundMessageHandler rpcOnly(Consumer<RpcMessage> rpc) {
		return new InboundMessageHandler() {

			@Override
			public void onRpc(RpcMessage message) {
				rpc.accept(message);
			}

			@Override
			public void onConnection(ConnectionMessage message) {
			}

			@Override
			public void onAuth(AuthMessage message) {
			}

			@Override
			public void onParser(ParserMessage message) {
			}

			@Override
			public void onOtherTopic(int topic) {
			}

		};
	}

}
