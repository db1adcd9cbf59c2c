package dev.deepstreamrpc.client.wire;

import dev.deepstreamrpc.client.wire.proto.AuthMessage;
import dev.deepstreamrpc.client.wire.proto.ConnectionMessage;
import dev.deepstreamrpc.client.wire.proto.ParserMessage;
import dev.deepstreamrpc.client.wire.proto.RpcMessage;

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
