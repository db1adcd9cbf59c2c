package dev.deepstreamrpc.test;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeepstreamServerExtensionTests {

	private static DeepstreamServer first;

	@RegisterExtension
	final DeepstreamServerExtension deepstream = DeepstreamServerExtension.create();

	@Test
	@Order(1)
	void instanceFieldGivesTheTestARunningServer() {
		first = this.deepstream.server();
		assertThat(first.isRunning()).isTrue();
	}

	@Test
	@Order(2)
	void nextTestGetsAFreshServerAfterThePreviousOneStopped() {
		assertThat(this.deepstream.server()).isNotSameAs(first);
		assertThat(this.deepstream.server().isRunning()).isTrue();
		assertThat(first.isRunning()).isFalse();
	}

}
