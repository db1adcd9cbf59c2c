package dev.deepstreamrpc.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.Payload;
import dev.deepstreamrpc.client.DeepstreamRpcException.Outcome;
import dev.deepstreamrpc.client.RpcClientClosedException;
import dev.deepstreamrpc.client.RpcNoProviderException;
import dev.deepstreamrpc.client.RpcResponse;
import dev.deepstreamrpc.spring.autoconfigure.DeepstreamRpcAutoConfiguration;
import dev.deepstreamrpc.test.DeepstreamServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Two applications providing the same RPC: one that rejects, and one that shuts down
 * while calls keep coming (scenario 22 of the reliability notes: no call fails, shutdown
 * takes at most the shutdown timeout plus a second, and the closed application's template
 * refuses further calls as not sent).
 */
class ProviderDrainIntegrationTests {

	private static final Logger logger = LoggerFactory.getLogger(ProviderDrainIntegrationTests.class);

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension.create();

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private DeepstreamRpcClient caller;

	@AfterEach
	void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		if (this.caller != null) {
			this.caller.close();
		}
	}

	@Test
	void requestsRejectedByOneApplicationAreServedByTheOther() {
		ConfigurableApplicationContext rejecting = start(RejectingProviderConfiguration.class, "rejecting");
		start(SlowProviderConfiguration.class, "serving");
		DeepstreamRpcClient caller = caller();
		for (int i = 0; i < 20; i++) {
			assertThat(caller.make("shared/work", i).join().as(String.class)).isEqualTo("serving:" + i);
		}
		assertThat(rejecting.getBean(RejectingProvider.class).rejected).hasPositiveValue();
	}

	@Test
	void requestBeyondOneApplicationsConcurrencyLimitIsServedByTheOther() throws Exception {
		LimitedProvider first = start(LimitedProviderConfiguration.class, "first").getBean(LimitedProvider.class);
		LimitedProvider second = start(LimitedProviderConfiguration.class, "second").getBean(LimitedProvider.class);
		DeepstreamRpcClient caller = caller();
		CompletableFuture<Payload> one = caller.make("shared/limited");
		CompletableFuture<Payload> two = caller.make("shared/limited");
		assertThat(first.started.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(second.started.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(caller.make("shared/limited").handle((result, failure) -> failure).join())
			.isInstanceOf(RpcNoProviderException.class);
		first.release.countDown();
		second.release.countDown();
		assertThat(List.of(one.join().as(String.class), two.join().as(String.class))).containsExactlyInAnyOrder("first",
				"second");
	}

	@Test
	void applicationShutDownUnderLoadDrainsWithoutFailingAnyCall() throws Exception {
		ConfigurableApplicationContext leaving = start(SlowProviderConfiguration.class, "leaving");
		SlowProvider leavingProvider = leaving.getBean(SlowProvider.class);
		RpcOperations leavingTemplate = leaving.getBean(RpcOperations.class);
		SlowProvider stayingProvider = start(SlowProviderConfiguration.class, "staying").getBean(SlowProvider.class);
		DeepstreamRpcClient caller = caller();
		Executor pacing = CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS);
		List<CompletableFuture<Payload>> calls = new ArrayList<>();
		CompletableFuture<Duration> closed = null;
		for (int i = 0; i < 400; i++) {
			calls.add(caller.make("shared/work", i));
			if (i == 150) {
				closed = CompletableFuture.supplyAsync(() -> {
					long start = System.nanoTime();
					leaving.close();
					return Duration.ofNanos(System.nanoTime() - start);
				});
			}
			CompletableFuture.runAsync(() -> {
			}, pacing).join();
		}
		Duration shutdown = closed.get(20, TimeUnit.SECONDS);
		logger.info("Scenario 22: the application shut down in {} ms while 400 calls were made", shutdown.toMillis());
		assertThat(shutdown).isLessThanOrEqualTo(SHUTDOWN_TIMEOUT.plusSeconds(1));
		CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).handle((ok, failure) -> null).join();
		List<Throwable> failures = calls.stream()
			.filter(CompletableFuture::isCompletedExceptionally)
			.map((call) -> call.handle((result, failure) -> failure).join())
			.toList();
		assertThat(failures).isEmpty();
		assertThat(leavingProvider.served).hasPositiveValue();
		assertThat(stayingProvider.served.get() + leavingProvider.served.get()).isEqualTo(400);
		assertThatExceptionOfType(RpcClientClosedException.class)
			.isThrownBy(() -> leavingTemplate.make("shared/work", 1, String.class))
			.satisfies((ex) -> assertThat(ex.outcome()).isEqualTo(Outcome.NOT_SENT));
	}

	private ConfigurableApplicationContext start(Class<?> configuration, String name) {
		SpringApplication application = new SpringApplication(configuration);
		application.setWebApplicationType(WebApplicationType.NONE);
		ConfigurableApplicationContext context = application.run("--deepstream.rpc.url=" + deepstream.url(),
				"--spring.main.banner-mode=off", "--app.name=" + name,
				"--deepstream.rpc.provider.shutdown-timeout=" + SHUTDOWN_TIMEOUT.toSeconds() + "s");
		this.contexts.add(context);
		return context;
	}

	private DeepstreamRpcClient caller() {
		this.caller = DeepstreamRpcClient.builder(deepstream.url()).build();
		this.caller.connect().join();
		return this.caller;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(DeepstreamRpcAutoConfiguration.class)
	static class SlowProviderConfiguration {

		@Bean
		SlowProvider slowProvider(org.springframework.core.env.Environment environment) {
			return new SlowProvider(environment.getProperty("app.name"));
		}

	}

	static class SlowProvider {

		final AtomicInteger served = new AtomicInteger();

		private final String name;

		SlowProvider(String name) {
			this.name = name;
		}

		@RpcProvider("shared/work")
		CompletableFuture<String> work(int number) {
			Executor later = CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS);
			return CompletableFuture.supplyAsync(() -> {
				this.served.incrementAndGet();
				return this.name + ":" + number;
			}, later);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(DeepstreamRpcAutoConfiguration.class)
	static class LimitedProviderConfiguration {

		@Bean
		LimitedProvider limitedProvider(org.springframework.core.env.Environment environment) {
			return new LimitedProvider(environment.getProperty("app.name"));
		}

	}

	static class LimitedProvider {

		final CountDownLatch started = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		private final String name;

		LimitedProvider(String name) {
			this.name = name;
		}

		@RpcProvider(name = "shared/limited", maxConcurrency = 1)
		String work() throws InterruptedException {
			this.started.countDown();
			this.release.await(5, TimeUnit.SECONDS);
			return this.name;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(DeepstreamRpcAutoConfiguration.class)
	static class RejectingProviderConfiguration {

		@Bean
		RejectingProvider rejectingProvider() {
			return new RejectingProvider();
		}

	}

	static class RejectingProvider {

		final AtomicInteger rejected = new AtomicInteger();

		@RpcProvider(name = "shared/work", autoAck = false)
		String work(int number, RpcResponse response) {
			this.rejected.incrementAndGet();
			throw new RejectException();
		}

	}

}
