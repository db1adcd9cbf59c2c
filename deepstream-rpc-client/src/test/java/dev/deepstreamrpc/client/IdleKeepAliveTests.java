package dev.deepstreamrpc.client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.deepstreamrpc.client.connection.ConnectionState;
import dev.deepstreamrpc.test.DeepstreamServerExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 25 of RELIABILITY.md against the real server with a 2 second heartbeat: idle
 * clients, which send nothing but pings, stay connected and answer at once afterwards.
 * The idle period is the system property {@value #IDLE_PROPERTY} as an ISO-8601 duration,
 * 2 minutes by default ({@code PT30M} for the nightly run).
 */
@Tag("soak")
class IdleKeepAliveTests {

	static final String IDLE_PROPERTY = "deepstream.rpc.soak.idle";

	private static final Logger summary = LoggerFactory.getLogger("dev.deepstreamrpc.scenario");

	private static final Duration HEARTBEAT = Duration.ofSeconds(2);

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension
		.create((server) -> server.heartbeatInterval(HEARTBEAT));

	@Test
	void idleClientsStayConnectedAndTheFirstCallAfterwardsIsFast() throws Exception {
		Duration idle = Duration.parse(System.getProperty(IDLE_PROPERTY, "PT2M"));
		AtomicInteger disconnects = new AtomicInteger();
		try (DeepstreamRpcClient provider = client(disconnects); DeepstreamRpcClient caller = client(disconnects)) {
			provider.provide("idle/echo", (request, response) -> response.send(request.data().as(String.class))).join();
			assertThat(caller.make("idle/echo", "before").join().as(String.class)).isEqualTo("before");
			await().during(idle).atMost(idle.plusSeconds(10)).until(() -> disconnects.get() == 0);
			long started = System.nanoTime();
			assertThat(caller.make("idle/echo", "after").join().as(String.class)).isEqualTo("after");
			Duration firstCall = Duration.ofNanos(System.nanoTime() - started);
			assertThat(firstCall).isLessThan(Duration.ofMillis(100));
			assertThat(disconnects).hasValue(0);
			String serverLog = Files.readString(deepstream.server().logFile(), StandardCharsets.UTF_8);
			assertThat(serverLog).doesNotContain("Heartbeat missing");
			summary.info(
					"scenario 25 idle keep-alive: {} s idle with server heartbeat {} s, {} disconnects, "
							+ "first call afterwards {} ms (pass: 0 disconnects, < 100 ms)",
					idle.toSeconds(), HEARTBEAT.toSeconds(), disconnects.get(), firstCall.toMillis());
		}
	}

	private static DeepstreamRpcClient client(AtomicInteger disconnects) {
		DeepstreamRpcClient client = DeepstreamRpcClient.builder(deepstream.url())
			.pingInterval(HEARTBEAT.dividedBy(2))
			.build();
		client.addConnectionStateListener((previous, current, cause) -> {
			if (previous == ConnectionState.OPEN) {
				disconnects.incrementAndGet();
			}
		});
		client.connect().join();
		return client;
	}

}
