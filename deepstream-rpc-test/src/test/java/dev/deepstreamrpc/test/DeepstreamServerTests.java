package dev.deepstreamrpc.test;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class DeepstreamServerTests {

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension.create();

	@Test
	void runningServerAnswersHealthCheck() {
		assertThat(deepstream.server().isRunning()).isTrue();
		assertThat(HealthCheck.isHealthy(deepstream.server().port(), false)).isTrue();
	}

	@Test
	void urlIsTheBinaryEndpointOnLoopback() {
		assertThat(deepstream.url()).hasScheme("ws")
			.hasHost("127.0.0.1")
			.hasPort(deepstream.server().port())
			.hasPath("/deepstream");
	}

	@Test
	void signalledProcessIsTheNodeServerItself() {
		ProcessHandle handle = ProcessHandle.of(deepstream.server().pid()).orElseThrow();
		assertThat(handle.info().command()).hasValueSatisfying((command) -> assertThat(command).contains("node"));
		assertThat(handle.children()).isEmpty();
	}

	@Test
	void killedServerRestartsOnTheSamePort() {
		try (DeepstreamServer server = DeepstreamServer.builder().start()) {
			int port = server.port();
			long pid = server.pid();
			server.kill();
			assertThat(server.isRunning()).isFalse();
			assertThat(HealthCheck.isHealthy(port, false)).isFalse();
			server.restart();
			assertThat(server.port()).isEqualTo(port);
			assertThat(server.pid()).isNotEqualTo(pid);
			assertThat(HealthCheck.isHealthy(port, false)).isTrue();
		}
	}

	@Test
	void frozenServerAnswersNothingUntilThawed() {
		try (DeepstreamServer server = DeepstreamServer.builder().start()) {
			server.freeze();
			assertThat(server.isRunning()).isTrue();
			assertThat(HealthCheck.isHealthy(server.port(), false)).isFalse();
			server.thaw();
			await().atMost(Duration.ofSeconds(5)).until(() -> HealthCheck.isHealthy(server.port(), false));
		}
	}

	@Test
	void jsClientReconnectsToRestartedServer() {
		try (DeepstreamServer server = DeepstreamServer.builder().start();
				JsClient client = JsClient.start(server.installation(), server.url(), Map.of(), Map
					.of("reconnectIntervalIncrement", 100, "maxReconnectInterval", 300, "maxReconnectAttempts", 100))) {
			server.kill();
			await().atMost(Duration.ofSeconds(5)).until(() -> !client.connectionState().equals("OPEN"));
			server.restart();
			await().atMost(Duration.ofSeconds(10)).until(() -> client.connectionState().equals("OPEN"));
		}
	}

	@Test
	void jsClientStartedForServerFollowsItsShortHeartbeat() {
		try (DeepstreamServer server = DeepstreamServer.builder().heartbeatInterval(Duration.ofMillis(300)).start();
				JsClient client = JsClient.start(server, Map.of())) {
			await().during(Duration.ofMillis(1500))
				.atMost(Duration.ofSeconds(3))
				.until(() -> client.connectionState().equals("OPEN"));
		}
	}

	@Test
	void stoppedServerIsNotRunningAndClosedServerCannotStart() {
		DeepstreamServer server = DeepstreamServer.builder().start();
		server.stop();
		assertThat(server.isRunning()).isFalse();
		server.close();
		assertThat(server.logFile()).doesNotExist();
		assertThatIllegalStateException().isThrownBy(server::start).withMessageContaining("closed");
	}

	@Test
	void failedStartReportsTheServerLog() {
		DeepstreamServer server = DeepstreamServer.builder()
			.permissionsYaml("rpc:\n  \"orders/*\":\n    provide: true\n    request: true\n")
			.logLevel(DeepstreamServer.LogLevel.INFO)
			.build();
		try (server) {
			assertThatIllegalStateException().isThrownBy(server::start)
				.withMessageContaining("deepstream exited")
				.withMessageContaining("last lines of");
		}
	}

}
