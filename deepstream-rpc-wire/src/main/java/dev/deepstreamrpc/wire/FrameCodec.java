package dev.deepstreamrpc.wire;

import java.io.IOException;
import java.nio.ByteBuffer;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.WireFormat;
import dev.deepstreamrpc.wire.proto.AuthMessage;
import dev.deepstreamrpc.wire.proto.ConnectionMessage;
import dev.deepstreamrpc.wire.proto.ParserMessage;
import dev.deepstreamrpc.wire.proto.RpcMessage;
import dev.deepstreamrpc.wire.proto.Topic;

/**
 * Converts between WebSocket binary frames and deepstream messages: each frame is one
 * length-delimited {@code Envelope} whose {@code message} field holds the topic's inner
 * message.
 * <p>
 * The envelope is written and read field by field so that the inner message is serialized
 * straight into the frame and parsed straight out of it, without an intermediate copy.
 * Stateless and thread-safe.
 */
public final class FrameCodec {

	private static final int ENVELOPE_TOPIC_FIELD = 2;

	private static final int ENVELOPE_MESSAGE_FIELD = 3;

	private FrameCodec() {
	}

	/**
	 * Encodes one message as a frame.
	 * @param topic the topic of the message
	 * @param message the inner message
	 * @return the frame bytes
	 */
	public static byte[] encode(Topic topic, MessageLite message) {
		int innerSize = message.getSerializedSize();
		int envelopeSize = CodedOutputStream.computeEnumSize(ENVELOPE_TOPIC_FIELD, topic.getNumber())
				+ CodedOutputStream.computeTagSize(ENVELOPE_MESSAGE_FIELD)
				+ CodedOutputStream.computeUInt32SizeNoTag(innerSize) + innerSize;
		byte[] frame = new byte[CodedOutputStream.computeUInt32SizeNoTag(envelopeSize) + envelopeSize];
		CodedOutputStream out = CodedOutputStream.newInstance(frame);
		try {
			out.writeUInt32NoTag(envelopeSize);
			out.writeEnum(ENVELOPE_TOPIC_FIELD, topic.getNumber());
			out.writeTag(ENVELOPE_MESSAGE_FIELD, WireFormat.WIRETYPE_LENGTH_DELIMITED);
			out.writeUInt32NoTag(innerSize);
			message.writeTo(out);
			out.checkNoSpaceLeft();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Frame size was miscalculated", ex);
		}
		return frame;
	}

	public static byte[] encode(RpcMessage message) {
		return encode(Topic.RPC, message);
	}

	public static byte[] encode(ConnectionMessage message) {
		return encode(Topic.CONNECTION, message);
	}

	public static byte[] encode(AuthMessage message) {
		return encode(Topic.AUTH, message);
	}

	/**
	 * Decodes one frame and hands its message to the handler. Bytes after the first
	 * envelope are ignored, as the server does.
	 * @param frame the frame, read from its position to its limit
	 * @param handler receives the decoded message
	 * @throws MalformedFrameException if the bytes are not a deepstream envelope
	 */
	public static void decode(ByteBuffer frame, InboundMessageHandler handler) throws MalformedFrameException {
		CodedInputStream in = CodedInputStream.newInstance(frame);
		int topic = 0;
		try {
			int envelopeSize = in.readRawVarint32();
			if (envelopeSize < 0 || envelopeSize > frame.remaining()) {
				throw new MalformedFrameException("Envelope length " + envelopeSize + " exceeds the frame");
			}
			int envelopeLimit = in.pushLimit(envelopeSize);
			while (!in.isAtEnd()) {
				int tag = in.readTag();
				int field = WireFormat.getTagFieldNumber(tag);
				if (field == ENVELOPE_TOPIC_FIELD && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
					topic = in.readEnum();
				}
				else if (field == ENVELOPE_MESSAGE_FIELD
						&& WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
					int innerLimit = in.pushLimit(in.readRawVarint32());
					dispatch(topic, in, handler);
					in.popLimit(innerLimit);
					in.popLimit(envelopeLimit);
					return;
				}
				else if (!in.skipField(tag)) {
					break;
				}
			}
			in.popLimit(envelopeLimit);
			dispatchEmpty(topic, handler);
		}
		catch (InvalidProtocolBufferException ex) {
			throw new MalformedFrameException("Frame is not a deepstream envelope", ex);
		}
		catch (IOException ex) {
			throw new MalformedFrameException("Frame could not be read", ex);
		}
	}

	private static void dispatch(int topic, CodedInputStream in, InboundMessageHandler handler) throws IOException {
		switch (topic) {
			case Topic.RPC_VALUE -> handler.onRpc(RpcMessage.parseFrom(in));
			case Topic.CONNECTION_VALUE -> handler.onConnection(ConnectionMessage.parseFrom(in));
			case Topic.AUTH_VALUE -> handler.onAuth(AuthMessage.parseFrom(in));
			case Topic.PARSER_VALUE -> handler.onParser(ParserMessage.parseFrom(in));
			default -> handler.onOtherTopic(topic);
		}
	}

	private static void dispatchEmpty(int topic, InboundMessageHandler handler) {
		switch (topic) {
			case Topic.RPC_VALUE -> handler.onRpc(RpcMessage.getDefaultInstance());
			case Topic.CONNECTION_VALUE -> handler.onConnection(ConnectionMessage.getDefaultInstance());
			case Topic.AUTH_VALUE -> handler.onAuth(AuthMessage.getDefaultInstance());
			case Topic.PARSER_VALUE -> handler.onParser(ParserMessage.getDefaultInstance());
			default -> handler.onOtherTopic(topic);
		}
	}

}
