package dev.deepstreamrpc.spring;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.RpcAuthenticationException;
import dev.deepstreamrpc.client.RpcTlsException;
import dev.deepstreamrpc.client.connection.ConnectionState;
import dev.deepstreamrpc.spring.autoconfigure.DeepstreamRpcAutoConfiguration;
import dev.deepstreamrpc.test.DeepstreamServer;
import dev.deepstreamrpc.test.DeepstreamServerExtension;
import dev.deepstreamrpc.test.DeepstreamUser;
import dev.deepstreamrpc.test.TestCertificate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 21 of RELIABILITY.md: with the client's logging at TRACE, no password or token
 * reaches a log line, an exception or the actuator's {@code env} and {@code configprops}
 * endpoints, through a login, a refused login, a reconnect and a TLS failure against the
 * real server.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretExposureTests {

	private static final Logger summary = LoggerFactory.getLogger("dev.deepstreamrpc.scenario");

	private static final String SENTINEL = "Zq7sentinelKp2";

	private static final String PASSWORD = SENTINEL + "-password";

	private static final String TOKEN = SENTINEL + "-token";

	private static final String WRONG_PASSWORD = SENTINEL + "-wrong";

	private static final String MASK = "******";

	@RegisterExtension
	final DeepstreamServerExtension deepstream = DeepstreamServerExtension
		.create((server) -> server.user(DeepstreamUser.of("orders", PASSWORD)));

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DeepstreamRpcAutoConfiguration.class))
		.withPropertyValues("deepstream.rpc.connect-timeout=3s", "deepstream.rpc.heartbeat.ping-interval=250ms",
				"deepstream.rpc.reconnect.initial-delay=100ms", "deepstream.rpc.reconnect.max-delay=500ms",
				"deepstream.rpc.reconnect.login-retry-delay=500ms", "deepstream.rpc.authentication.username=orders",
				"deepstream.rpc.authentication.data.token=" + TOKEN);

	private final ch.qos.logback.classic.Logger clientLogger = (ch.qos.logback.classic.Logger) LoggerFactory
		.getLogger("dev.deepstreamrpc");

	private final List<Throwable> failures = new CopyOnWriteArrayList<>();

	private @Nullable Level previousLevel;

	@BeforeEach
	void traceTheClient() {
		this.previousLevel = this.clientLogger.getLevel();
		this.clientLogger.setLevel(Level.TRACE);
	}

	@AfterEach
	void restoreLogLevel() {
		this.clientLogger.setLevel(this.previousLevel);
	}

	@Test
	void noSecretReachesTheLogsOrAnExceptionAtTraceLevel(CapturedOutput output) {
		loginThenReconnect();
		refusedLogin();
		refusedLoginWithoutFailFast();
		tlsFailure();
		String traces = String.join("\n", this.failures.stream().map(SecretExposureTests::stackTrace).toList());
		assertThat(output.getAll()).contains("Reconnected to", "was refused", "PKIX");
		assertThat(this.failures).hasSize(3);
		int found = occurrences(output.getAll(), SENTINEL) + occurrences(traces, SENTINEL);
		assertThat(found).isZero();
		summary.info(
				"scenario 21 secrets in logs: {} chars of TRACE output and {} exception traces ({} chars) "
						+ "scanned, sentinel found {} times (pass: 0)",
				output.getAll().length(), this.failures.size(), traces.length(), found);
	}

	@Test
	void actuatorEndpointsMaskThePasswordAndTheToken() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DeepstreamRpcAutoConfiguration.class,
					EndpointAutoConfiguration.class, ConfigurationPropertiesReportEndpointAutoConfiguration.class,
					EnvironmentEndpointAutoConfiguration.class))
			.withPropertyValues("deepstream.rpc.url=" + this.deepstream.url(),
					"deepstream.rpc.authentication.username=orders",
					"deepstream.rpc.authentication.password=" + PASSWORD,
					"deepstream.rpc.authentication.data.token=" + TOKEN,
					"management.endpoints.web.exposure.include=env,configprops")
			.run((context) -> {
				JsonMapper json = JsonMapper.builder().build();
				EnvironmentEndpoint env = context.getBean(EnvironmentEndpoint.class);
				ConfigurationPropertiesReportEndpoint configprops = context
					.getBean(ConfigurationPropertiesReportEndpoint.class);
				assertThat(env.environmentEntry("deepstream.rpc.authentication.password").getProperty().getValue())
					.isEqualTo(MASK);
				assertThat(env.environmentEntry("deepstream.rpc.authentication.data.token").getProperty().getValue())
					.isEqualTo(MASK);
				String envJson = json.writeValueAsString(env.environment(null));
				String configpropsJson = json
					.writeValueAsString(configprops.configurationPropertiesWithPrefix("deepstream.rpc"));
				assertThat(configpropsJson).contains("\"password\":\"" + MASK + "\"", "\"token\":\"" + MASK + "\"");
				int found = occurrences(envJson, SENTINEL) + occurrences(configpropsJson, SENTINEL);
				assertThat(found).isZero();
				summary.info(
						"scenario 21 secrets in actuator: env ({} chars) and configprops ({} chars) show "
								+ "password and token as {}, sentinel found {} times (pass: 0)",
						envJson.length(), configpropsJson.length(), MASK, found);
			});
	}

	private void loginThenReconnect() {
		this.runner
			.withPropertyValues("deepstream.rpc.url=" + this.deepstream.url(),
					"deepstream.rpc.authentication.password=" + PASSWORD)
			.run((context) -> {
				DeepstreamRpcClient client = context.getBean(DeepstreamRpcClient.class);
				AtomicInteger opened = new AtomicInteger();
				client.addConnectionStateListener((previous, current, cause) -> {
					if (current == ConnectionState.OPEN) {
						opened.incrementAndGet();
					}
				});
				assertThat(client.state()).isEqualTo(ConnectionState.OPEN);
				this.deepstream.server().restart();
				await().atMost(Duration.ofSeconds(10)).until(() -> opened.get() == 1);
			});
	}

	private void refusedLogin() {
		this.runner
			.withPropertyValues("deepstream.rpc.url=" + this.deepstream.url(),
					"deepstream.rpc.authentication.password=" + WRONG_PASSWORD)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("was refused");
				this.failures.add(context.getStartupFailure());
			});
	}

	private void refusedLoginWithoutFailFast() {
		this.runner
			.withPropertyValues("deepstream.rpc.url=" + this.deepstream.url(), "deepstream.rpc.fail-fast=false",
					"deepstream.rpc.authentication.password=" + WRONG_PASSWORD)
			.run((context) -> {
				DeepstreamRpcClient client = context.getBean(DeepstreamRpcClient.class);
				await().atMost(Duration.ofSeconds(5))
					.until(() -> client.state() == ConnectionState.AUTHENTICATION_FAILED);
				RpcTemplate template = context.getBean(RpcTemplate.class);
				try {
					template.make("secret/call", "data", String.class);
				}
				catch (RpcAuthenticationException ex) {
					this.failures.add(ex);
				}
			});
	}

	private void tlsFailure() {
		TestCertificate certificate = TestCertificate.valid("localhost", "127.0.0.1");
		try (DeepstreamServer server = DeepstreamServer.builder()
			.tls(certificate)
			.user(DeepstreamUser.of("orders", PASSWORD))
			.start()) {
			this.runner
				.withPropertyValues("deepstream.rpc.url=" + server.url(),
						"deepstream.rpc.authentication.password=" + PASSWORD)
				.run((context) -> {
					assertThat(context).hasFailed();
					Throwable cause = context.getStartupFailure();
					while (cause != null && !(cause instanceof RpcTlsException)) {
						cause = cause.getCause();
					}
					assertThat(cause).isInstanceOf(RpcTlsException.class);
					this.failures.add(context.getStartupFailure());
				});
		}
	}

	private static int occurrences(String text, String sentinel) {
		int count = 0;
		for (int at = text.indexOf(sentinel); at >= 0; at = text.indexOf(sentinel, at + 1)) {
			count++;
		}
		return count;
	}

	private static String stackTrace(Throwable failure) {
		StringWriter trace = new StringWriter();
		failure.printStackTrace(new PrintWriter(trace));
		return trace.toString();
	}

}
