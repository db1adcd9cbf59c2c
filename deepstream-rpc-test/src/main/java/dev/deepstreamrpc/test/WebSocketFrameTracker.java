package dev.deepstreamrpc.test;

import java.util.function.BooleanSupplier;

/**
 * Follows the WebSocket frames in one direction of a proxied byte stream, chunk by chunk,
 * so that the proxy can corrupt the content of one whole frame while leaving every frame
 * header intact: the receiver then gets a well-formed WebSocket frame whose payload is
 * garbage, which is what a bug or a bit flip above the transport looks like.
 * <p>
 * The stream starts with the HTTP upgrade exchange, which is skipped up to its blank
 * line. After that, each frame header (RFC 6455 section 5.2) is read to learn the payload
 * length, which may span any number of chunks. Not thread-safe: one pipe's reader thread
 * owns it.
 */
final class WebSocketFrameTracker {

	private static final int END_OF_HEADERS = 0x0D0A0D0A;

	private static final int OPCODE_TEXT = 1;

	private static final int OPCODE_BINARY = 2;

	private final BooleanSupplier corruptNextDataFrame;

	private boolean inHandshake = true;

	private int lastFourBytes;

	private final byte[] header = new byte[14];

	private int headerLength;

	private long payloadRemaining;

	private boolean corrupting;

	/**
	 * Creates a tracker.
	 * @param corruptNextDataFrame asked once for every non-empty text or binary frame
	 * whether to corrupt it
	 */
	WebSocketFrameTracker(BooleanSupplier corruptNextDataFrame) {
		this.corruptNextDataFrame = corruptNextDataFrame;
	}

	/**
	 * Follows the frames through a chunk, inverting every payload byte of a frame chosen
	 * for corruption in place.
	 * @param chunk the bytes, in stream order
	 * @param length how many bytes of {@code chunk} are valid
	 */
	void process(byte[] chunk, int length) {
		int index = 0;
		while (index < length) {
			if (this.inHandshake) {
				this.lastFourBytes = (this.lastFourBytes << 8) | (chunk[index++] & 0xFF);
				this.inHandshake = this.lastFourBytes != END_OF_HEADERS;
			}
			else if (this.payloadRemaining > 0) {
				int span = (int) Math.min(this.payloadRemaining, length - index);
				if (this.corrupting) {
					for (int i = index; i < index + span; i++) {
						chunk[i] = (byte) ~chunk[i];
					}
				}
				index += span;
				this.payloadRemaining -= span;
			}
			else {
				this.header[this.headerLength++] = chunk[index++];
				if (this.headerLength >= 2 && this.headerLength == headerSize()) {
					startPayload();
				}
			}
		}
	}

	private int headerSize() {
		int lengthCode = this.header[1] & 0x7F;
		int extendedLength = (lengthCode == 126) ? 2 : (lengthCode == 127) ? 8 : 0;
		int mask = ((this.header[1] & 0x80) != 0) ? 4 : 0;
		return 2 + extendedLength + mask;
	}

	private void startPayload() {
		int lengthCode = this.header[1] & 0x7F;
		long length = lengthCode;
		if (lengthCode >= 126) {
			int bytes = (lengthCode == 126) ? 2 : 8;
			length = 0;
			for (int i = 0; i < bytes; i++) {
				length = (length << 8) | (this.header[2 + i] & 0xFF);
			}
		}
		int opcode = this.header[0] & 0x0F;
		boolean dataFrame = opcode == OPCODE_TEXT || opcode == OPCODE_BINARY;
		// Inverting masked bytes inverts the unmasked ones too, so both directions work
		this.corrupting = dataFrame && length > 0 && this.corruptNextDataFrame.getAsBoolean();
		this.payloadRemaining = length;
		this.headerLength = 0;
	}

}
