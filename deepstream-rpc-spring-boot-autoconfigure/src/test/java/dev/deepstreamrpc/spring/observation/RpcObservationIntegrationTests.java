package dev.deepstreamrpc.spring.observation;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.DeepstreamRpcException;
import dev.deepstreamrpc.client.RpcResponse;
import dev.deepstreamrpc.spring.RejectException;
import dev.deepstreamrpc.spring.RpcOperations;
import dev.deepstreamrpc.spring.RpcProvider;
import dev.deepstreamrpc.spring.RpcTemplate;
import dev.deepstreamrpc.spring.autoconfigure.DeepstreamRpcAutoConfiguration;
import dev.deepstreamrpc.test.DeepstreamServerExtension;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The call and invocation observations of an application against a real deepstream
 * server, recorded by a test registry that also feeds a meter registry: one per call and
 * one per request served, tagged with each outcome the server and the client can produce.
 */
class RpcObservationIntegrationTests {

	private static final String CALLS = "deepstream.rpc.client.calls";

	private static final String INVOCATIONS = "deepstream.rpc.provider.invocations";

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension
		.create((server) -> server.ackTimeout(Duration.ofMillis(500))
			.responseTimeout(Duration.ofSeconds(1))
			.rpcPermission("*", true, true)
			.rpcPermission("obs/denied", true, false));

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, DeepstreamRpcAutoConfiguration.class))
		.withPropertyValues("deepstream.rpc.url=" + deepstream.url(), "deepstream.rpc.server.ack-timeout=500ms",
				"deepstream.rpc.server.response-timeout=1s", "deepstream.rpc.max-message-size=4KB")
		.withBean(ObservationRegistry.class, () -> this.observations)
		.withUserConfiguration(ProvidersConfiguration.class);

	RpcObservationIntegrationTests() {
		this.observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(this.meters));
	}

	@Test
	void successfulCallIsOneCallObservationAndOneInvocationObservation() {
		this.runner.run((context) -> {
			assertThat(template(context).make("obs/add", new int[] { 2, 3 }, Integer.class)).isEqualTo(5);
			assertThat(this.observations).hasNumberOfObservationsWithNameEqualTo(CALLS, 1)
				.hasObservationWithNameEqualTo(CALLS)
				.that()
				.hasContextualNameEqualTo("call obs/add")
				.hasLowCardinalityKeyValue("rpc.name", "obs/add")
				.hasLowCardinalityKeyValue("outcome", "SUCCESS")
				.doesNotHaveError()
				.hasBeenStopped();
			awaitInvocation("obs/add", "SENT");
			assertThat(this.observations).hasObservationWithNameEqualTo(INVOCATIONS)
				.that()
				.hasContextualNameEqualTo("serve obs/add")
				.isInstanceOf(RpcInvocationContext.class);
			assertThat(callCount("obs/add", "SUCCESS")).isOne();
		});
	}

	@Test
	void providerFailureIsAnErrorOnBothSides() {
		this.runner.run((context) -> {
			assertThatExceptionOfType(DeepstreamRpcException.class)
				.isThrownBy(() -> template(context).make("obs/fail", null, String.class));
			assertThat(this.observations).hasObservationWithNameEqualTo(CALLS)
				.that()
				.hasLowCardinalityKeyValue("outcome", "ERROR")
				.hasError();
			awaitInvocation("obs/fail", "ERROR");
			assertThat(this.meters.get(INVOCATIONS).tag("error", "IllegalStateException").timer().count()).isOne();
		});
	}

	@Test
	void dataThatCannotBeBoundIsAnInvalidArgument() {
		this.runner.run((context) -> {
			assertThatExceptionOfType(DeepstreamRpcException.class)
				.isThrownBy(() -> template(context).make("obs/add", "not numbers", Integer.class));
			assertThat(callCount("obs/add", "ERROR")).isOne();
			awaitInvocation("obs/add", "INVALID_ARGUMENT");
		});
	}

	@Test
	void rejectedRequestIsNoProviderForTheCaller() {
		this.runner.run((context) -> {
			call(context, "obs/reject");
			assertThat(callCount("obs/reject", "NO_PROVIDER")).isOne();
			awaitInvocation("obs/reject", "REJECTED");
		});
	}

	@Test
	void callWithoutProviderIsNoProvider() {
		this.runner.run((context) -> {
			call(context, "obs/nobody");
			assertThat(callCount("obs/nobody", "NO_PROVIDER")).isOne();
		});
	}

	@Test
	void requestNeverAcknowledgedIsAnAcceptTimeoutAndExpiresAtTheProvider() {
		this.runner.run((context) -> {
			call(context, "obs/silent");
			assertThat(callCount("obs/silent", "ACCEPT_TIMEOUT")).isOne();
			awaitInvocation("obs/silent", "EXPIRED");
		});
	}

	@Test
	void requestNeverAnsweredIsAResponseTimeout() {
		this.runner.run((context) -> {
			call(context, "obs/never");
			assertThat(callCount("obs/never", "RESPONSE_TIMEOUT")).isOne();
			awaitInvocation("obs/never", "EXPIRED");
		});
	}

	@Test
	void deniedCallIsPermissionDenied() {
		this.runner.run((context) -> {
			call(context, "obs/denied");
			assertThat(callCount("obs/denied", "PERMISSION_DENIED")).isOne();
		});
	}

	@Test
	void oversizedRequestIsPayloadTooLarge() {
		this.runner.run((context) -> {
			assertThatExceptionOfType(DeepstreamRpcException.class)
				.isThrownBy(() -> template(context).make("obs/add", "x".repeat(8 * 1024), Integer.class));
			assertThat(callCount("obs/add", "PAYLOAD_TOO_LARGE")).isOne();
		});
	}

	@Test
	void callOnAClientThatIsNotConnectedIsNotConnected() {
		try (DeepstreamRpcClient client = DeepstreamRpcClient.builder(deepstream.url()).build()) {
			RpcTemplate template = new RpcTemplate(client, Duration.ofSeconds(1));
			template.setObservationRegistry(this.observations);
			assertThatExceptionOfType(DeepstreamRpcException.class)
				.isThrownBy(() -> template.make("obs/add", 1, Integer.class));
			assertThat(callCount("obs/add", "NOT_CONNECTED")).isOne();
			assertThat(this.observations).hasObservationWithNameEqualTo(CALLS).that().hasError().hasBeenStopped();
		}
	}

	@Test
	void asynchronousCallIsObservedUntilItsOutcome() {
		this.runner.run((context) -> {
			CompletableFuture<Integer> call = template(context).makeAsync("obs/add", new int[] { 1, 1 }, Integer.class);
			assertThat(call.get(5, TimeUnit.SECONDS)).isEqualTo(2);
			assertThat(callCount("obs/add", "SUCCESS")).isOne();
		});
	}

	@Test
	void customConventionsRenameTheObservations() {
		this.runner.withBean(RpcCallObservationConvention.class, RenamedCalls::new)
			.withBean(RpcInvocationObservationConvention.class, RenamedInvocations::new)
			.run((context) -> {
				template(context).make("obs/add", new int[] { 1, 2 }, Integer.class);
				assertThat(this.meters.get("app.calls").timer().count()).isOne();
				await().untilAsserted(() -> assertThat(this.meters.find("app.invocations").timer()).isNotNull());
			});
	}

	private void awaitInvocation(String name, String outcome) {
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					this.meters.find(INVOCATIONS).tag("rpc.name", name).tag("outcome", outcome).timer())
				.isNotNull()
				.satisfies((timer) -> assertThat(timer.count()).isOne()));
	}

	private long callCount(String name, String outcome) {
		return this.meters.get(CALLS).tag("rpc.name", name).tag("outcome", outcome).timer().count();
	}

	private static void call(AssertableApplicationContext context, String name) {
		assertThatExceptionOfType(DeepstreamRpcException.class)
			.isThrownBy(() -> template(context).make(name, null, String.class));
	}

	private static RpcOperations template(AssertableApplicationContext context) {
		return context.getBean(RpcOperations.class);
	}

	static class RenamedCalls extends DefaultRpcCallObservationConvention {

		@Override
		public String getName() {
			return "app.calls";
		}

	}

	static class RenamedInvocations extends DefaultRpcInvocationObservationConvention {

		@Override
		public String getName() {
			return "app.invocations";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ProvidersConfiguration {

		@Bean
		Providers providers() {
			return new Providers();
		}

	}

	static class Providers {

		@RpcProvider("obs/add")
		int add(int[] numbers) {
			return numbers[0] + numbers[1];
		}

		@RpcProvider("obs/fail")
		String fail() {
			throw new IllegalStateException("storage unavailable");
		}

		@RpcProvider("obs/reject")
		String reject() {
			throw new RejectException();
		}

		@RpcProvider(name = "obs/silent", autoAck = false)
		void silent(RpcResponse response) {
		}

		@RpcProvider("obs/never")
		CompletableFuture<String> never() {
			return new CompletableFuture<>();
		}

		@RpcProvider("obs/denied")
		String denied() {
			return "never called";
		}

	}

}
