package dev.deepstreamrpc.spring;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.deepstreamrpc.client.RpcNoProviderException;
import dev.deepstreamrpc.client.RpcRemoteException;
import dev.deepstreamrpc.client.RpcRequest;
import dev.deepstreamrpc.client.RpcResponse;
import dev.deepstreamrpc.client.RpcTimeoutException;
import dev.deepstreamrpc.spring.autoconfigure.DeepstreamRpcAutoConfiguration;
import dev.deepstreamrpc.test.DeepstreamServerExtension;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.annotation.AliasFor;
import org.springframework.resilience.annotation.ConcurrencyLimit;
import org.springframework.resilience.annotation.EnableResilientMethods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link RpcProvider} methods and {@link RpcTemplate} in one application, against a real
 * deepstream server.
 */
class RpcProviderIntegrationTests {

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension
		.create((server) -> server.ackTimeout(Duration.ofMillis(500)).responseTimeout(Duration.ofSeconds(2)));

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, ValidationAutoConfiguration.class,
				DeepstreamRpcAutoConfiguration.class))
		.withPropertyValues("deepstream.rpc.url=" + deepstream.url(), "deepstream.rpc.server.ack-timeout=500ms",
				"deepstream.rpc.server.response-timeout=2s", "app.prefix=spring")
		.withUserConfiguration(CalculatorConfiguration.class);

	@Test
	void returnValueIsSentToTheCaller() {
		this.runner
			.run((context) -> assertThat(template(context).make("spring/add", new AddRequest(7, 13), Integer.class))
				.isEqualTo(20));
	}

	@Test
	void genericResultsAreTyped() {
		this.runner.run((context) -> {
			List<Item> items = template(context).make("spring/items", Map.of("prefix", "b"),
					new ParameterizedTypeReference<List<Item>>() {
					});
			assertThat(items).containsExactly(new Item("banana", 2), new Item("blueberry", 5));
		});
	}

	@Test
	void voidMethodSendsNoValue() {
		this.runner.run((context) -> assertThat(template(context).make("spring/void", "x", Object.class)).isNull());
	}

	@Test
	void asynchronousResultsAreSentWhenTheyComplete() {
		this.runner.run((context) -> {
			assertThat(template(context).make("spring/future", "f", String.class)).isEqualTo("future f");
			assertThat(template(context).make("spring/mono", "m", String.class)).isEqualTo("mono m");
			assertThat(template(context).makeAsync("spring/add", new AddRequest(1, 2), Integer.class).join())
				.isEqualTo(3);
		});
	}

	@Test
	void exceptionBecomesAnErrorMappedByTheAdvice() {
		this.runner.run((context) -> assertThatExceptionOfType(RpcRemoteException.class)
			.isThrownBy(() -> template(context).make("spring/add", new AddRequest(-1, 2), Integer.class))
			.satisfies((ex) -> assertThat(ex.error().as(Map.class))
				.isEqualTo(Map.of("code", "NEGATIVE", "message", "numbers must not be negative"))));
	}

	@Test
	void unmappedExceptionBecomesAnErrorWithItsMessage() {
		this.runner.run((context) -> assertThatExceptionOfType(RpcRemoteException.class)
			.isThrownBy(() -> template(context).make("spring/fail", null, String.class))
			.withMessage("RPC 'spring/fail' failed: storage unavailable"));
	}

	@Test
	void dataThatCannotBeBoundIsAnErrorAndTheMethodIsNotInvoked() {
		this.runner.run((context) -> {
			assertThatExceptionOfType(RpcRemoteException.class)
				.isThrownBy(() -> template(context).make("spring/add", "not numbers", Integer.class))
				.satisfies((ex) -> assertThat(ex.error().as(String.class)).isEqualTo("INVALID_ARGUMENT"));
			assertThat(context.getBean(Calculator.class).additions).hasValue(0);
		});
	}

	@Test
	void validPayloadsAreValidated() {
		this.runner.run((context) -> {
			assertThat(template(context).make("spring/order", new Order("tea", 2), String.class)).isEqualTo("2 x tea");
			assertThatExceptionOfType(RpcRemoteException.class)
				.isThrownBy(() -> template(context).make("spring/order", new Order("tea", 0), String.class))
				.satisfies((ex) -> assertThat(ex.error().as(String.class)).startsWith("INVALID_ARGUMENT: quantity"));
		});
	}

	@Test
	void requestContextAndPlaceholdersAndMetaAnnotationsWork() {
		this.runner.run((context) -> {
			assertThat(template(context).make("spring/placeholder", null, String.class))
				.isEqualTo("spring/placeholder");
			assertThat(template(context).make("spring/meta", null, String.class)).isEqualTo("meta");
		});
	}

	@Test
	void manualAcknowledgementWithAutoAckOff() {
		this.runner.run((context) -> assertThat(template(context).make("spring/manual", "late", String.class))
			.isEqualTo("acknowledged late"));
	}

	@Test
	void providerMethodCanCallAnotherRpc() {
		this.runner.run((
				context) -> assertThat(template(context).make("spring/double-sum", new AddRequest(2, 3), Integer.class))
					.isEqualTo(10));
	}

	@Test
	void rejectionWithNoOtherProviderLeavesNoProvider() {
		this.runner.run((context) -> assertThatExceptionOfType(RpcNoProviderException.class)
			.isThrownBy(() -> template(context).make("spring/reject", null, String.class)));
	}

	@Test
	void maxConcurrencyRejectsTheRequestBeyondTheLimit() {
		this.runner.run((context) -> {
			Calculator calculator = context.getBean(Calculator.class);
			CompletableFuture<String> first = template(context).makeAsync("spring/limited", null, String.class);
			assertThat(calculator.limitedStarted.await(5, TimeUnit.SECONDS)).isTrue();
			assertThatExceptionOfType(RpcNoProviderException.class)
				.isThrownBy(() -> template(context).make("spring/limited", null, String.class));
			calculator.release.countDown();
			assertThat(first.join()).isEqualTo("limited");
		});
	}

	@Test
	void concurrencyLimitRejectionOfAProxiedBeanRejects() {
		this.runner.withUserConfiguration(ResilientConfiguration.class).run((context) -> {
			assertThat(org.springframework.aop.support.AopUtils.isAopProxy(context.getBean(Throttled.class))).isTrue();
			Latches latches = context.getBean(Latches.class);
			CompletableFuture<String> first = template(context).makeAsync("spring/throttled", null, String.class);
			assertThat(latches.started.await(5, TimeUnit.SECONDS)).isTrue();
			assertThatExceptionOfType(RpcNoProviderException.class)
				.isThrownBy(() -> template(context).make("spring/throttled", null, String.class));
			latches.release.countDown();
			assertThat(first.join()).isEqualTo("throttled");
		});
	}

	@Test
	void timeoutIsAnExceptionNeverNull() {
		this.runner.run((context) -> assertThatExceptionOfType(RpcTimeoutException.class)
			.isThrownBy(() -> template(context).make("spring/silent", null, String.class, Duration.ofMillis(300))));
	}

	@Test
	void duplicateNameFailsStartupNamingBothMethods() {
		this.runner.withUserConfiguration(DuplicateConfiguration.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'spring/add'")
				.hasMessageContaining("Calculator.add(AddRequest)")
				.hasMessageContaining("Duplicate.add(AddRequest)"));
	}

	private static RpcTemplate template(org.springframework.context.ApplicationContext context) {
		return context.getBean(RpcTemplate.class);
	}

	record AddRequest(int numA, int numB) {
	}

	record Item(String name, int stock) {
	}

	record Order(String product, @Min(1) int quantity) {
	}

	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@RpcProvider
	@interface MetaRpc {

		@AliasFor(annotation = RpcProvider.class, attribute = "name")
		String value();

	}

	@Configuration(proxyBeanMethods = false)
	@Import(NegativeNumbersAdvice.class)
	static class CalculatorConfiguration {

		@Bean
		Calculator calculator(RpcTemplate rpc) {
			return new Calculator(rpc);
		}

	}

	static class Calculator {

		final java.util.concurrent.atomic.AtomicInteger additions = new java.util.concurrent.atomic.AtomicInteger();

		final CountDownLatch limitedStarted = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		private final RpcTemplate rpc;

		Calculator(RpcTemplate rpc) {
			this.rpc = rpc;
		}

		@RpcProvider("spring/add")
		int add(AddRequest request) {
			if (request.numA() < 0 || request.numB() < 0) {
				throw new IllegalArgumentException("numbers must not be negative");
			}
			this.additions.incrementAndGet();
			return request.numA() + request.numB();
		}

		@RpcProvider("spring/items")
		List<Item> items(Map<String, String> query) {
			return List.of(new Item("apple", 3), new Item("banana", 2), new Item("blueberry", 5))
				.stream()
				.filter((item) -> item.name().startsWith(query.get("prefix")))
				.toList();
		}

		@RpcProvider("spring/void")
		void fireAndForget(String value) {
		}

		@RpcProvider("spring/future")
		CompletableFuture<String> future(String value) {
			return CompletableFuture.supplyAsync(() -> "future " + value);
		}

		@RpcProvider("spring/mono")
		Mono<String> mono(String value) {
			return Mono.just("mono " + value);
		}

		@RpcProvider("spring/fail")
		String fail() {
			throw new IllegalStateException("storage unavailable");
		}

		@RpcProvider("spring/order")
		String order(@Valid Order order) {
			return order.quantity() + " x " + order.product();
		}

		@RpcProvider("${app.prefix}/placeholder")
		String placeholder(RpcRequest request) {
			return request.name();
		}

		@MetaRpc("spring/meta")
		String meta() {
			return "meta";
		}

		@RpcProvider(name = "spring/manual", autoAck = false)
		String manual(String value, RpcResponse response) {
			response.ack();
			return "acknowledged " + value;
		}

		@RpcProvider("spring/double-sum")
		int doubleSum(AddRequest request) {
			Integer sum = this.rpc.make("spring/add", request, Integer.class);
			return 2 * sum;
		}

		@RpcProvider(name = "spring/reject", autoAck = false)
		String reject(RpcResponse response) {
			throw new RejectException();
		}

		@RpcProvider(name = "spring/limited", maxConcurrency = 1)
		String limited() throws InterruptedException {
			this.limitedStarted.countDown();
			this.release.await(5, TimeUnit.SECONDS);
			return "limited";
		}

		@RpcProvider("spring/silent")
		CompletableFuture<String> silent() {
			return new CompletableFuture<>();
		}

	}

	@RpcAdvice
	static class NegativeNumbersAdvice {

		@RpcExceptionHandler
		Map<String, String> negative(IllegalArgumentException ex) {
			return Map.of("code", "NEGATIVE", "message", ex.getMessage());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateConfiguration {

		@Bean
		Duplicate duplicate() {
			return new Duplicate();
		}

	}

	static class Duplicate {

		@RpcProvider("spring/add")
		int add(AddRequest request) {
			return 0;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableResilientMethods
	static class ResilientConfiguration {

		@Bean
		Latches latches() {
			return new Latches();
		}

		@Bean
		Throttled throttled(Latches latches) {
			return new Throttled(latches);
		}

	}

	static class Latches {

		final CountDownLatch started = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

	}

	static class Throttled {

		private final Latches latches;

		Throttled(Latches latches) {
			this.latches = latches;
		}

		@RpcProvider("spring/throttled")
		@ConcurrencyLimit(limit = 1, policy = ConcurrencyLimit.ThrottlePolicy.REJECT)
		public String throttled() throws InterruptedException {
			this.latches.started.countDown();
			this.latches.release.await(5, TimeUnit.SECONDS);
			return "throttled";
		}

	}

}
