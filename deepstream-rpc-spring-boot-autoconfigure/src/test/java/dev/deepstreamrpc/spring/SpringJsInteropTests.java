package dev.deepstreamrpc.spring;

import java.util.Map;

import dev.deepstreamrpc.client.RpcRemoteException;
import dev.deepstreamrpc.spring.autoconfigure.DeepstreamRpcAutoConfiguration;
import dev.deepstreamrpc.test.DeepstreamServerExtension;
import dev.deepstreamrpc.test.JsBehaviour;
import dev.deepstreamrpc.test.JsClient;
import dev.deepstreamrpc.test.JsResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A Spring application and the official JavaScript client serving each other.
 */
class SpringJsInteropTests {

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension.create();

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DeepstreamRpcAutoConfiguration.class))
		.withPropertyValues("deepstream.rpc.url=" + deepstream.url())
		.withUserConfiguration(CalculatorConfiguration.class);

	@Test
	void javaScriptClientCallsASpringProvider() {
		this.runner.run((context) -> {
			try (JsClient js = JsClient.start(deepstream.server(), Map.of())) {
				JsResult sum = js.make("add-two-numbers", json.readTree("{\"numA\":7,\"numB\":13}")).join();
				assertThat(sum.value()).contains(json.readTree("20"));
				JsResult vote = js.make("count-vote", json.readTree("\"java\"")).join();
				assertThat(vote.errorText()).isEqualTo("You can only vote once");
			}
		});
	}

	@Test
	void springApplicationCallsAJavaScriptProvider() {
		try (JsClient js = JsClient.start(deepstream.server(), Map.of())) {
			js.provide("js/sum", JsBehaviour.sum());
			js.provide("js/fail", JsBehaviour.error("nope"));
			this.runner.run((context) -> {
				RpcTemplate rpc = context.getBean(RpcTemplate.class);
				assertThat(rpc.make("js/sum", new Numbers(7, 13), Integer.class)).isEqualTo(20);
				assertThatExceptionOfType(RpcRemoteException.class)
					.isThrownBy(() -> rpc.make("js/fail", null, Integer.class))
					.withMessageEndingWith("nope");
			});
		}
	}

	record Numbers(int numA, int numB) {
	}

	@Configuration(proxyBeanMethods = false)
	static class CalculatorConfiguration {

		@Bean
		Calculator calculator() {
			return new Calculator();
		}

	}

	static class Calculator {

		@RpcProvider("add-two-numbers")
		int add(Numbers numbers) {
			return numbers.numA() + numbers.numB();
		}

		@RpcProvider("count-vote")
		void vote(String user) {
			throw new IllegalStateException("You can only vote once");
		}

	}

}
