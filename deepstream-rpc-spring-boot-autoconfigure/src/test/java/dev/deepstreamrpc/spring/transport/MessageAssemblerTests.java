package dev.deepstreamrpc.spring.transport;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inbound messages reach the listener whole and out of the container's buffer.
 */
class MessageAssemblerTests {

	private final MessageAssembler assembler = new MessageAssembler();

	@Test
	void wholeMessageIsCopiedOutOfTheContainerBuffer() {
		ByteBuffer containerBuffer = ByteBuffer.wrap(new byte[] { 1, 2, 3 });
		ByteBuffer message = this.assembler.append(containerBuffer, true);
		containerBuffer.clear().put(new byte[] { 9, 9, 9 });
		assertThat(bytes(message)).containsExactly(1, 2, 3);
	}

	@Test
	void partsAreGatheredUntilTheLastOne() {
		byte[] large = new byte[20_000];
		large[19_999] = 7;
		assertThat(this.assembler.append(ByteBuffer.wrap(new byte[] { 1 }), false)).isNull();
		assertThat(this.assembler.append(ByteBuffer.wrap(large), false)).isNull();
		ByteBuffer message = this.assembler.append(ByteBuffer.wrap(new byte[] { 2 }), true);
		byte[] gathered = bytes(message);
		assertThat(gathered).hasSize(20_002);
		assertThat(gathered[0]).isEqualTo((byte) 1);
		assertThat(gathered[20_000]).isEqualTo((byte) 7);
		assertThat(gathered[20_001]).isEqualTo((byte) 2);
	}

	@Test
	void nextMessageStartsAfresh() {
		this.assembler.append(ByteBuffer.wrap(new byte[] { 1 }), false);
		this.assembler.append(ByteBuffer.wrap(new byte[] { 2 }), true);
		assertThat(bytes(this.assembler.append(ByteBuffer.wrap(new byte[] { 3 }), true))).containsExactly(3);
	}

	private static byte[] bytes(ByteBuffer buffer) {
		assertThat(buffer).isNotNull();
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return bytes;
	}

}
