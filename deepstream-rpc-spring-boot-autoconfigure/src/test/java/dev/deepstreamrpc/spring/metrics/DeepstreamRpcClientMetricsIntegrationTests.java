package dev.deepstreamrpc.spring.metrics;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.deepstreamrpc.client.RpcNoProviderException;
import dev.deepstreamrpc.spring.RpcOperations;
import dev.deepstreamrpc.spring.RpcProvider;
import dev.deepstreamrpc.spring.autoconfigure.DeepstreamRpcAutoConfiguration;
import dev.deepstreamrpc.spring.autoconfigure.metrics.DeepstreamRpcMetricsAutoConfiguration;
import dev.deepstreamrpc.test.DeepstreamServerExtension;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gauges and counters of an application whose metrics and observations Spring Boot
 * configures, against a real deepstream server.
 */
class DeepstreamRpcClientMetricsIntegrationTests {

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension.create();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, ObservationAutoConfiguration.class,
				MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, DeepstreamRpcAutoConfiguration.class,
				DeepstreamRpcMetricsAutoConfiguration.class))
		.withPropertyValues("deepstream.rpc.url=" + deepstream.url(), "deepstream.rpc.reconnect.initial-delay=100ms",
				"deepstream.rpc.reconnect.max-delay=500ms")
		.withUserConfiguration(ProvidersConfiguration.class);

	@Test
	void connectionStateIsAGaugePerState() {
		this.runner.run((context) -> {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(gauge(meters, "deepstream.rpc.client.connection.state", "state", "OPEN")).isOne();
			assertThat(gauge(meters, "deepstream.rpc.client.connection.state", "state", "RECONNECTING")).isZero();
		});
	}

	@Test
	void requestBeyondTheConcurrencyLimitIsRejectedAndCounted() {
		this.runner.run((context) -> {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			Providers providers = context.getBean(Providers.class);
			CompletableFuture<String> first = template(context).makeAsync("metrics/limited", null, String.class);
			assertThat(providers.started.await(5, TimeUnit.SECONDS)).isTrue();
			assertThat(gauge(meters, "deepstream.rpc.provider.invocations.in.flight", "rpc.name", "metrics/limited"))
				.isOne();
			assertThat(meters.get("deepstream.rpc.client.calls.in.flight").gauge().value()).isOne();
			assertThat(template(context).makeAsync("metrics/limited", null, String.class)
				.handle((result, failure) -> failure)
				.join()).hasCauseInstanceOf(RpcNoProviderException.class);
			assertThat(meters.get("deepstream.rpc.provider.concurrency.rejections")
				.tag("rpc.name", "metrics/limited")
				.functionCounter()
				.count()).isOne();
			providers.release.countDown();
			assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("done");
			await().untilAsserted(() -> assertThat(
					gauge(meters, "deepstream.rpc.provider.invocations.in.flight", "rpc.name", "metrics/limited"))
				.isZero());
			assertThat(meters.get("deepstream.rpc.client.calls").tag("outcome", "NO_PROVIDER").timer().count()).isOne();
		});
	}

	@Test
	void replyAfterTheCallersDeadlineIsCountedAsUnexpected() {
		this.runner.run((context) -> {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(template(context).makeAsync("metrics/slow", null, String.class, Duration.ofMillis(500))
				.handle((result, failure) -> failure)
				.join()).isNotNull();
			await().untilAsserted(
					() -> assertThat(meters.get("deepstream.rpc.client.unexpected.replies").functionCounter().count())
						.isPositive());
		});
	}

	@Test
	void lostConnectionFailsCallsInFlightAndReconnectingIsCounted() {
		this.runner.withPropertyValues("deepstream.rpc.template.deadline=30s").run((context) -> {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			Providers providers = context.getBean(Providers.class);
			CompletableFuture<String> call = template(context).makeAsync("metrics/limited", null, String.class);
			assertThat(providers.started.await(5, TimeUnit.SECONDS)).isTrue();
			deepstream.server().kill();
			assertThat(call.handle((result, failure) -> failure).get(10, TimeUnit.SECONDS)).isNotNull();
			providers.release.countDown();
			assertThat(meters.get("deepstream.rpc.client.calls").tag("outcome", "CONNECTION_LOST").timer().count())
				.isOne();
			deepstream.server().restart();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(
						() -> assertThat(meters.get("deepstream.rpc.client.reconnects").functionCounter().count())
							.isOne());
			assertThat(gauge(meters, "deepstream.rpc.client.connection.state", "state", "OPEN")).isOne();
		});
	}

	private static double gauge(MeterRegistry meters, String name, String tag, String value) {
		return meters.get(name).tag(tag, value).gauge().value();
	}

	private static RpcOperations template(AssertableApplicationContext context) {
		return context.getBean(RpcOperations.class);
	}

	@Configuration(proxyBeanMethods = false)
	static class ProvidersConfiguration {

		@Bean
		Providers providers() {
			return new Providers();
		}

	}

	static class Providers {

		final CountDownLatch started = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@RpcProvider(name = "metrics/limited", maxConcurrency = 1)
		String limited() throws InterruptedException {
			this.started.countDown();
			this.release.await(10, TimeUnit.SECONDS);
			return "done";
		}

		@RpcProvider("metrics/slow")
		CompletableFuture<String> slow() {
			return CompletableFuture.supplyAsync(() -> "late",
					CompletableFuture.delayedExecutor(1500, TimeUnit.MILLISECONDS));
		}

	}

}
