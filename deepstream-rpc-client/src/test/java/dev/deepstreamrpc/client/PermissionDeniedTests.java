package dev.deepstreamrpc.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.deepstreamrpc.client.connection.ConnectionState;
import dev.deepstreamrpc.client.connection.ReconnectBackoff;
import dev.deepstreamrpc.wire.RpcAction;
import dev.deepstreamrpc.test.DeepstreamServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 19 of RELIABILITY.md against the real server, whose permissions deny providing
 * one name and requesting {@code admin/*}: a denial concerns exactly the name it names,
 * is logged once per connection, and reaches a caller at once, never as a timeout.
 */
class PermissionDeniedTests {

	private static final org.slf4j.Logger summary = LoggerFactory.getLogger("dev.deepstreamrpc.scenario");

	private static final String FORBIDDEN = "perm/forbidden";

	@RegisterExtension
	final DeepstreamServerExtension deepstream = DeepstreamServerExtension
		.create((server) -> server.rpcPermission("*", true, true)
			.rpcPermission(FORBIDDEN, false, true)
			.rpcPermission("admin/*", true, false));

	private final List<DeepstreamRpcClient> clients = new CopyOnWriteArrayList<>();

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	private final Logger registryLogger = (Logger) LoggerFactory.getLogger(ProviderRegistry.class);

	@BeforeEach
	void captureLogs() {
		this.logs.start();
		this.registryLogger.addAppender(this.logs);
	}

	@AfterEach
	void close() {
		this.registryLogger.detachAppender(this.logs);
		this.clients.forEach(DeepstreamRpcClient::close);
	}

	@Test
	void deniedProvideConcernsThatNameOnlyAndIsLoggedOncePerConnection() {
		AtomicInteger logins = new AtomicInteger();
		DeepstreamRpcClient provider = client(new RecordingTransport());
		provider.addConnectionStateListener((previous, current, cause) -> {
			if (current == ConnectionState.OPEN) {
				logins.incrementAndGet();
			}
		});
		CompletableFuture<Void> openA = provider.provide("perm/open-a", (request, response) -> response.send("a"));
		CompletableFuture<Void> forbidden = provider.provide(FORBIDDEN, (request, response) -> response.send("no"));
		CompletableFuture<Void> openB = provider.provide("perm/open-b", (request, response) -> response.send("b"));
		provider.connect().join();
		long connected = System.nanoTime();
		await().atMost(Duration.ofSeconds(1)).until(() -> provider.providers().get(FORBIDDEN) == ProviderState.DENIED);
		Duration deniedAfter = Duration.ofNanos(System.nanoTime() - connected);
		assertThatExceptionOfType(RpcPermissionDeniedException.class)
			.isThrownBy(() -> RealServerRpcTests.outcomeOf(forbidden))
			.satisfies((ex) -> assertThat(ex.rpcName()).isEqualTo(FORBIDDEN));
		openA.join();
		openB.join();
		assertThat(provider.providers()).containsEntry("perm/open-a", ProviderState.REGISTERED)
			.containsEntry("perm/open-b", ProviderState.REGISTERED);
		DeepstreamRpcClient caller = client(new RecordingTransport());
		caller.connect().join();
		assertThat(caller.make("perm/open-a").join().as(String.class)).isEqualTo("a");
		assertThat(caller.make("perm/open-b").join().as(String.class)).isEqualTo("b");

		this.deepstream.server().restart();
		await().atMost(Duration.ofSeconds(5)).until(() -> logins.get() == 2);
		await().atMost(Duration.ofSeconds(1))
			.until(() -> provider.providers()
				.equals(Map.of("perm/open-a", ProviderState.REGISTERED, FORBIDDEN, ProviderState.DENIED, "perm/open-b",
						ProviderState.REGISTERED)));
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> deniedLogs() == logins.get());
		assertThat(this.logs.list).allSatisfy((event) -> assertThat(event.getFormattedMessage()).contains(FORBIDDEN));
		summary.info(
				"scenario 19 denied provide: DENIED {} ms after connect, logged {} times over {} connections, "
						+ "other providers REGISTERED (pass: <= 1000 ms, once per connection)",
				deniedAfter.toMillis(), deniedLogs(), logins.get());
	}

	@Test
	void deniedRequestFailsAtOnceAsPermissionDeniedWithoutRetry() {
		AtomicInteger executions = new AtomicInteger();
		DeepstreamRpcClient provider = client(new RecordingTransport());
		provider.connect().join();
		provider.provide("admin/reset", (request, response) -> response.send(executions.incrementAndGet())).join();
		provider.provide("perm/open-a", (request, response) -> response.send("a")).join();
		RecordingTransport wire = new RecordingTransport();
		DeepstreamRpcClient caller = client(wire);
		caller.connect().join();
		assertThat(caller.make("perm/open-a").join().as(String.class)).isEqualTo("a");
		long started = System.nanoTime();
		assertThatExceptionOfType(RpcPermissionDeniedException.class)
			.isThrownBy(() -> RealServerRpcTests.outcomeOf(caller.make("admin/reset")))
			.satisfies((ex) -> assertThat(ex.outcome()).isEqualTo(DeepstreamRpcException.Outcome.REMOTE));
		Duration failedAfter = Duration.ofNanos(System.nanoTime() - started);
		assertThat(failedAfter).isLessThanOrEqualTo(Duration.ofMillis(100));
		assertThat(wire.rpcMessages(RpcAction.REQUEST, "admin/reset")).hasSize(1);
		assertThat(executions).hasValue(0);
		assertThat(caller.make("perm/open-a").join().as(String.class)).isEqualTo("a");
		summary.info(
				"scenario 19 denied request: RpcPermissionDeniedException(REMOTE) in {} ms, {} request sent, "
						+ "{} handler executions (pass: <= 100 ms, 0 retries, never a timeout)",
				failedAfter.toMillis(), wire.rpcMessages(RpcAction.REQUEST, "admin/reset").size(), executions.get());
	}

	private long deniedLogs() {
		return this.logs.list.stream().filter((event) -> event.getFormattedMessage().contains(FORBIDDEN)).count();
	}

	private DeepstreamRpcClient client(RecordingTransport transport) {
		DeepstreamRpcClient client = DeepstreamRpcClient.builder(this.deepstream.url())
			.transport(transport)
			.provideAckTimeout(Duration.ofMillis(300))
			.reconnectBackoff(ReconnectBackoff.exponential(Duration.ofMillis(100), Duration.ofMillis(500)))
			.build();
		this.clients.add(client);
		return client;
	}

}
