package dev.deepstreamrpc.spring;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.deepstreamrpc.client.AuthDataSupplier;
import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.RpcAuthenticationException;
import dev.deepstreamrpc.client.connection.ConnectionState;
import dev.deepstreamrpc.client.connection.LoginRefusedException;
import dev.deepstreamrpc.spring.autoconfigure.DeepstreamRpcAutoConfiguration;
import dev.deepstreamrpc.spring.autoconfigure.DeepstreamRpcProperties;
import dev.deepstreamrpc.test.DeepstreamServer;
import dev.deepstreamrpc.test.DeepstreamServerExtension;
import dev.deepstreamrpc.test.DeepstreamUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 17 of RELIABILITY.md against the real server: an application whose password is
 * wrong either fails to start within the connect timeout, saying which user but not which
 * password, or starts and retries the login slowly, one login per connection.
 */
class StartupAuthenticationFailureTests {

	private static final Logger summary = LoggerFactory.getLogger("dev.deepstreamrpc.scenario");

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

	private static final String WRONG_PASSWORD = "wrong-password-sentinel";

	@RegisterExtension
	final DeepstreamServerExtension deepstream = DeepstreamServerExtension
		.create((server) -> server.user(DeepstreamUser.of("orders", "right-password"))
			.logLevel(DeepstreamServer.LogLevel.INFO));

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DeepstreamRpcAutoConfiguration.class))
		.withPropertyValues("deepstream.rpc.connect-timeout=" + CONNECT_TIMEOUT.toMillis() + "ms");

	@Test
	void failFastStartupWithAWrongPasswordFailsInTimeNamingTheUserButNotThePassword() {
		long started = System.nanoTime();
		this.runner
			.withPropertyValues("deepstream.rpc.url=" + this.deepstream.url(),
					"deepstream.rpc.authentication.username=orders",
					"deepstream.rpc.authentication.password=" + WRONG_PASSWORD)
			.run((context) -> {
				Duration failedAfter = Duration.ofNanos(System.nanoTime() - started);
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				assertThat(failure).rootCause().isInstanceOf(LoginRefusedException.class);
				DeepstreamStartupException startup = causeOf(failure, DeepstreamStartupException.class);
				assertThat(startup).hasMessageContaining("'orders'")
					.hasCauseInstanceOf(RpcAuthenticationException.class);
				assertThat(stackTrace(failure)).doesNotContain(WRONG_PASSWORD);
				assertThat(failedAfter).isLessThanOrEqualTo(CONNECT_TIMEOUT);
				await().atMost(Duration.ofSeconds(2)).until(() -> serverLogCount("AUTH_UNSUCCESSFUL") == 1);
				assertThat(serverLogCount("INCOMING_CONNECTION")).isEqualTo(1);
				summary.info("scenario 17 fail-fast: startup failed after {} ms with \"{}\"; {} AUTH on {} connection "
						+ "(pass: <= connect-timeout {} ms, user named, password absent, <= 1 AUTH per connection)",
						failedAfter.toMillis(), startup.getMessage(), serverLogCount("AUTH_UNSUCCESSFUL"),
						serverLogCount("INCOMING_CONNECTION"), CONNECT_TIMEOUT.toMillis());
			});
	}

	@Test
	void withoutFailFastTheApplicationStartsAndRetriesTheLoginSlowly() {
		Duration loginRetryDelay = Duration.ofMillis(500);
		Duration window = Duration.ofSeconds(5);
		AtomicInteger logins = new AtomicInteger();
		AuthDataSupplier wrong = () -> {
			logins.incrementAndGet();
			return Map.of("username", "orders", "password", WRONG_PASSWORD);
		};
		long started = System.nanoTime();
		this.runner.withBean(AuthDataSupplier.class, () -> wrong)
			.withPropertyValues("deepstream.rpc.url=" + this.deepstream.url(), "deepstream.rpc.fail-fast=false",
					"deepstream.rpc.reconnect.login-retry-delay=" + loginRetryDelay.toMillis() + "ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				DeepstreamRpcClient client = context.getBean(DeepstreamRpcClient.class);
				await().during(window)
					.atMost(window.plusSeconds(2))
					.until(() -> logins.get() <= 1
							+ Duration.ofNanos(System.nanoTime() - started).toMillis() / loginRetryDelay.toMillis());
				assertThat(client.state()).isNotEqualTo(ConnectionState.OPEN);
			});
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
		long bound = 1 + elapsed.toMillis() / loginRetryDelay.toMillis();
		assertThat(logins.get()).isGreaterThanOrEqualTo(2).isLessThanOrEqualTo((int) bound);
		// The last attempt may have been cut short by the context closing before its AUTH
		await().atMost(Duration.ofSeconds(3)).until(() -> serverLogCount("AUTH_UNSUCCESSFUL") >= logins.get() - 1);
		assertThat(serverLogCount("AUTH_UNSUCCESSFUL")).isLessThanOrEqualTo(logins.get())
			.isLessThanOrEqualTo(serverLogCount("INCOMING_CONNECTION"));
		summary.info(
				"scenario 17 no fail-fast: {} logins in {} ms with login-retry-delay {} ms, server saw {} "
						+ "AUTH_UNSUCCESSFUL on {} connections (pass: <= {}, <= 1 AUTH per connection)",
				logins.get(), elapsed.toMillis(), loginRetryDelay.toMillis(), serverLogCount("AUTH_UNSUCCESSFUL"),
				serverLogCount("INCOMING_CONNECTION"), bound);
	}

	@Test
	void loginIsRetriedNoSoonerThanThirtySecondsByDefault() {
		assertThat(new DeepstreamRpcProperties().getReconnect().getLoginRetryDelay())
			.isGreaterThanOrEqualTo(Duration.ofSeconds(30));
	}

	private long serverLogCount(String event) {
		try {
			return Files.readAllLines(this.deepstream.server().logFile(), StandardCharsets.UTF_8)
				.stream()
				.filter((line) -> line.contains(event))
				.count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static <T extends Throwable> T causeOf(Throwable failure, Class<T> type) {
		Throwable cause = failure;
		while (cause != null && !type.isInstance(cause)) {
			cause = cause.getCause();
		}
		assertThat(cause).as(type.getSimpleName() + " among the causes").isNotNull();
		return type.cast(cause);
	}

	private static String stackTrace(Throwable failure) {
		StringWriter trace = new StringWriter();
		failure.printStackTrace(new PrintWriter(trace));
		return trace.toString();
	}

}
