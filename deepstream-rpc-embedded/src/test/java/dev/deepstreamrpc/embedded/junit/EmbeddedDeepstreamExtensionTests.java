package dev.deepstreamrpc.embedded.junit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.embedded.EmbeddedDeepstreamServer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extension's two lifecycles: one server per class in a static field, one per test in
 * an instance field.
 */
class EmbeddedDeepstreamExtensionTests {

	@Nested
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	class StaticField {

		@RegisterExtension
		static final EmbeddedDeepstreamExtension deepstream = EmbeddedDeepstreamExtension
			.create((server) -> server.ackTimeout(Duration.ofMillis(200)));

		static final List<EmbeddedDeepstreamServer> seen = new CopyOnWriteArrayList<>();

		@Test
		@Order(1)
		void serverRunsAndFaultsCanBePlanned() {
			seen.add(deepstream.server());
			assertThat(deepstream.server().isRunning()).isTrue();
			deepstream.faults().rejectNext("extension/echo", 1000);
		}

		@Test
		@Order(2)
		void sameServerServesTheNextTestWithItsFaultsReset() {
			seen.add(deepstream.server());
			assertThat(seen).hasSize(2).allMatch((server) -> server == seen.get(0));
			try (DeepstreamRpcClient client = DeepstreamRpcClient.builder(deepstream.url()).build()) {
				client.connect().join();
				client.provide("extension/echo", (request, response) -> response.send("echo")).join();
				assertThat(client.make("extension/echo").join().as(String.class)).isEqualTo("echo");
			}
		}

	}

	@Nested
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	class InstanceField {

		static final List<EmbeddedDeepstreamServer> seen = new CopyOnWriteArrayList<>();

		@RegisterExtension
		final EmbeddedDeepstreamExtension deepstream = EmbeddedDeepstreamExtension.create();

		@Test
		@Order(1)
		void firstTestGetsAServer() {
			seen.add(this.deepstream.server());
			assertThat(this.deepstream.server().isRunning()).isTrue();
		}

		@Test
		@Order(2)
		void secondTestGetsAFreshServerAndTheFirstIsClosed() {
			seen.add(this.deepstream.server());
			assertThat(seen).hasSize(2);
			assertThat(seen.get(0)).isNotSameAs(seen.get(1));
			assertThat(seen.get(0).isRunning()).isFalse();
			assertThat(seen.get(1).isRunning()).isTrue();
		}

	}

}
