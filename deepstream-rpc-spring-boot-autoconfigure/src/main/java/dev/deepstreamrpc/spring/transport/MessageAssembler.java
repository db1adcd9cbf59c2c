package dev.deepstreamrpc.spring.transport;

import java.nio.ByteBuffer;

import org.jspecify.annotations.Nullable;

/**
 * Gathers the parts of an inbound binary message, for a {@code WebSocketClient} that
 * delivers partial messages even when asked for whole ones, and copies every message out
 * of the container's buffer, which the container reuses once its callback returns.
 * <p>
 * Not thread-safe: used only by the thread delivering one session's messages.
 */
final class MessageAssembler {

	private static final int MIN_CAPACITY = 8192;

	private @Nullable ByteBuffer parts;

	/**
	 * Adds one part of a message.
	 * @param part the part as the container delivered it
	 * @param last whether it is the message's last part
	 * @return the whole message in a buffer of its own, or {@code null} until the last
	 * part has arrived
	 */
	@Nullable ByteBuffer append(ByteBuffer part, boolean last) {
		if (last && this.parts == null) {
			return ByteBuffer.allocate(part.remaining()).put(part).flip();
		}
		ByteBuffer gathered = grown(this.parts, part.remaining()).put(part);
		if (!last) {
			this.parts = gathered;
			return null;
		}
		this.parts = null;
		return gathered.flip();
	}

	private static ByteBuffer grown(@Nullable ByteBuffer gathered, int needed) {
		if (gathered == null) {
			return ByteBuffer.allocate(Math.max(needed * 2, MIN_CAPACITY));
		}
		if (gathered.remaining() >= needed) {
			return gathered;
		}
		int capacity = Math.max(gathered.capacity() * 2, gathered.position() + needed);
		return ByteBuffer.allocate(capacity).put(gathered.flip());
	}

}
