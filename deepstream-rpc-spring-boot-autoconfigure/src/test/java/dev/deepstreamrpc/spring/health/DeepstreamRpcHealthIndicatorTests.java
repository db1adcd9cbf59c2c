package dev.deepstreamrpc.spring.health;

import java.time.Duration;
import java.util.Map;

import dev.deepstreamrpc.client.ProviderState;
import dev.deepstreamrpc.client.connection.ConnectionState;
import dev.deepstreamrpc.spring.RpcProvider;
import dev.deepstreamrpc.spring.autoconfigure.DeepstreamRpcAutoConfiguration;
import dev.deepstreamrpc.spring.autoconfigure.health.DeepstreamRpcHealthContributorAutoConfiguration;
import dev.deepstreamrpc.test.DeepstreamServerExtension;
import dev.deepstreamrpc.test.DeepstreamUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code deepstream} health of an application against the real server, whose
 * permissions deny providing one name: UP while logged in with every provider registered,
 * DOWN with the reason when the server is gone, refuses the login or denies a provider.
 */
class DeepstreamRpcHealthIndicatorTests {

	private static final Logger summary = LoggerFactory.getLogger("dev.deepstreamrpc.scenario");

	private static final String FORBIDDEN = "health/forbidden";

	private static final String PASSWORD = "right-password-sentinel";

	@RegisterExtension
	final DeepstreamServerExtension deepstream = DeepstreamServerExtension
		.create((server) -> server.user(DeepstreamUser.of("orders", PASSWORD))
			.rpcPermission("*", true, true)
			.rpcPermission(FORBIDDEN, false, true));

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DeepstreamRpcAutoConfiguration.class,
				DeepstreamRpcHealthContributorAutoConfiguration.class))
		.withPropertyValues("deepstream.rpc.authentication.username=orders",
				"deepstream.rpc.reconnect.initial-delay=100ms", "deepstream.rpc.reconnect.max-delay=500ms");

	@Test
	void upWhenLoggedInAndEveryProviderIsRegistered() {
		this.runner.withUserConfiguration(OpenProviders.class)
			.withPropertyValues("deepstream.rpc.url=" + this.deepstream.url(),
					"deepstream.rpc.authentication.password=" + PASSWORD)
			.run((context) -> {
				Health health = health(context);
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("state", ConnectionState.OPEN)
					.containsEntry("providers",
							Map.of("health/open-a", ProviderState.REGISTERED, "health/open-b",
									ProviderState.REGISTERED))
					.doesNotContainKey("reason");
			});
	}

	@Test
	void downWithinOneSecondOfLosingTheServerAndUpAgainAfterItsRestart() {
		this.runner.withUserConfiguration(OpenProviders.class)
			.withPropertyValues("deepstream.rpc.url=" + this.deepstream.url(),
					"deepstream.rpc.authentication.password=" + PASSWORD)
			.run((context) -> {
				assertThat(health(context).getStatus()).isEqualTo(Status.UP);
				this.deepstream.server().kill();
				long killed = System.nanoTime();
				await().atMost(Duration.ofSeconds(1)).until(() -> health(context).getStatus() == Status.DOWN);
				Duration downAfter = Duration.ofNanos(System.nanoTime() - killed);
				Health down = health(context);
				assertThat((String) down.getDetails().get("reason")).startsWith("Not connected: ");
				this.deepstream.server().restart();
				long restarted = System.nanoTime();
				await().atMost(Duration.ofSeconds(10)).until(() -> health(context).getStatus() == Status.UP);
				assertThat(health(context).getDetails()).containsEntry("providers",
						Map.of("health/open-a", ProviderState.REGISTERED, "health/open-b", ProviderState.REGISTERED));
				summary.info(
						"health: DOWN {} ms after the server was killed (\"{}\"), UP {} ms after its restart "
								+ "(pass: DOWN <= 1000 ms)",
						downAfter.toMillis(), down.getDetails().get("reason"),
						Duration.ofNanos(System.nanoTime() - restarted).toMillis());
			});
	}

	@Test
	void downWithTheReasonWhenTheServerRefusesTheLogin() {
		this.runner.withUserConfiguration(OpenProviders.class)
			.withPropertyValues("deepstream.rpc.url=" + this.deepstream.url(), "deepstream.rpc.fail-fast=false",
					"deepstream.rpc.authentication.password=wrong-password-sentinel")
			.run((context) -> {
				await().atMost(Duration.ofSeconds(5))
					.until(() -> health(context).getDetails().get("state") == ConnectionState.AUTHENTICATION_FAILED);
				Health health = health(context);
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat((String) health.getDetails().get("reason")).contains("'orders'")
					.contains("refused")
					.doesNotContain("wrong-password-sentinel");
				assertThat(health.getDetails()).containsEntry("providers",
						Map.of("health/open-a", ProviderState.PENDING, "health/open-b", ProviderState.PENDING));
				assertThat(health.toString()).doesNotContain("wrong-password-sentinel");
			});
	}

	@Test
	void deniedProviderIsShownInTheDetailsAndMakesTheHealthDown() {
		this.runner.withUserConfiguration(OpenProviders.class, ForbiddenProvider.class)
			.withPropertyValues("deepstream.rpc.url=" + this.deepstream.url(),
					"deepstream.rpc.authentication.password=" + PASSWORD)
			.run((context) -> {
				await().atMost(Duration.ofSeconds(5))
					.until(() -> Map
						.of("health/open-a", ProviderState.REGISTERED, "health/open-b", ProviderState.REGISTERED,
								FORBIDDEN, ProviderState.DENIED)
						.equals(health(context).getDetails().get("providers")));
				Health health = health(context);
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("state", ConnectionState.OPEN)
					.containsEntry("reason", "The server's permissions refuse providing " + FORBIDDEN);
			});
	}

	private static Health health(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return context.getBean("deepstreamHealthContributor", HealthIndicator.class).health();
	}

	@Configuration(proxyBeanMethods = false)
	static class OpenProviders {

		@Bean
		Greeter greeter() {
			return new Greeter();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ForbiddenProvider {

		@Bean
		Forbidden forbidden() {
			return new Forbidden();
		}

	}

	static class Greeter {

		@RpcProvider("health/open-a")
		String openA(String name) {
			return "a " + name;
		}

		@RpcProvider("health/open-b")
		String openB(String name) {
			return "b " + name;
		}

	}

	static class Forbidden {

		@RpcProvider(FORBIDDEN)
		String forbidden(String name) {
			return name;
		}

	}

}
