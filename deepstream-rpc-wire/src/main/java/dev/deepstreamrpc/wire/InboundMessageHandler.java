package dev.deepstreamrpc.wire;

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

}
