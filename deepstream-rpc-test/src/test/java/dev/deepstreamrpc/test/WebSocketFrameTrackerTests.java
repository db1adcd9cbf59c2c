package dev.deepstreamrpc.test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class WebSocketFrameTrackerTests {

	private static final byte[] HANDSHAKE = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n"
		.getBytes(StandardCharsets.US_ASCII);

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3, 7, 64, 4096 })
	void corruptsOnlyThePayloadOfTheChosenFrameWhereverTheStreamIsSplit(int chunkSize) {
		byte[] first = frame(0x82, new byte[] { 1, 2, 3 }, false);
		byte[] ping = frame(0x89, new byte[] { 9 }, false);
		byte[] second = frame(0x82, filled(300, (byte) 0x55), false);
		byte[] third = frame(0x82, new byte[] { 7 }, false);
		byte[] stream = concat(HANDSHAKE, first, ping, second, third);
		AtomicInteger asked = new AtomicInteger();
		WebSocketFrameTracker tracker = new WebSocketFrameTracker(() -> asked.incrementAndGet() == 2);
		byte[] processed = feed(tracker, stream, chunkSize);
		byte[] expectedSecond = second.clone();
		for (int i = 4; i < expectedSecond.length; i++) {
			expectedSecond[i] = (byte) ~expectedSecond[i];
		}
		assertThat(processed).isEqualTo(concat(HANDSHAKE, first, ping, expectedSecond, third));
		assertThat(asked).as("data frames only").hasValue(3);
	}

	@Test
	void corruptsAMaskedFrameAndFollowsAnEightByteLength() {
		byte[] big = frame(0x82, filled(70_000, (byte) 1), true);
		byte[] next = frame(0x81, "x".getBytes(StandardCharsets.US_ASCII), true);
		WebSocketFrameTracker tracker = new WebSocketFrameTracker(() -> true);
		byte[] processed = feed(tracker, concat(HANDSHAKE, big, next), 16 * 1024);
		int headerOfBig = 2 + 8 + 4;
		assertThat(Arrays.copyOfRange(processed, HANDSHAKE.length, HANDSHAKE.length + headerOfBig))
			.isEqualTo(Arrays.copyOf(big, headerOfBig));
		assertThat(processed[HANDSHAKE.length + headerOfBig]).isEqualTo((byte) ~big[headerOfBig]);
		int nextStart = HANDSHAKE.length + big.length;
		assertThat(Arrays.copyOfRange(processed, nextStart, nextStart + 6)).isEqualTo(Arrays.copyOf(next, 6));
		assertThat(processed[nextStart + 6]).isEqualTo((byte) ~next[6]);
	}

	@Test
	void leavesEmptyFramesAloneAndKeepsTheCorruptionForTheNextOne() {
		AtomicInteger asked = new AtomicInteger();
		WebSocketFrameTracker tracker = new WebSocketFrameTracker(() -> asked.incrementAndGet() > 0);
		byte[] processed = feed(tracker,
				concat(HANDSHAKE, frame(0x82, new byte[0], false), frame(0x82, new byte[] { 5 }, false)), 64);
		assertThat(asked).hasValue(1);
		assertThat(processed[processed.length - 1]).isEqualTo((byte) ~5);
	}

	private static byte[] feed(WebSocketFrameTracker tracker, byte[] stream, int chunkSize) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int offset = 0; offset < stream.length; offset += chunkSize) {
			byte[] chunk = Arrays.copyOfRange(stream, offset, Math.min(stream.length, offset + chunkSize));
			tracker.process(chunk, chunk.length);
			out.writeBytes(chunk);
		}
		return out.toByteArray();
	}

	private static byte[] frame(int firstByte, byte[] payload, boolean masked) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(firstByte);
		int mask = masked ? 0x80 : 0;
		if (payload.length < 126) {
			out.write(mask | payload.length);
		}
		else if (payload.length <= 0xFFFF) {
			out.write(mask | 126);
			out.write(payload.length >> 8);
			out.write(payload.length);
		}
		else {
			out.write(mask | 127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				out.write((int) ((long) payload.length >> shift));
			}
		}
		if (masked) {
			out.writeBytes(new byte[] { 0x11, 0x22, 0x33, 0x44 });
		}
		out.writeBytes(payload);
		return out.toByteArray();
	}

	private static byte[] filled(int length, byte value) {
		byte[] bytes = new byte[length];
		Arrays.fill(bytes, value);
		return bytes;
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
