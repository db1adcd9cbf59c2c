package dev.deepstreamrpc.sample;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.ProviderState;
import dev.deepstreamrpc.test.DeepstreamServerExtension;
import dev.deepstreamrpc.test.JsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.IntNode;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationHook;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.aot.DisabledInAotMode;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as {@code main} starts it: against a real deepstream server, also on
 * the context the build processed ahead of time with the {@code production} profile, and
 * with its embedded server when no URL is set, which only a context processed at run time
 * can decide.
 */
class SampleApplicationMainTests {

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension.create();

	@Test
	void mainStartsTheApplicationAgainstTheConfiguredServer() {
		try (ConfigurableApplicationContext context = runMain("--deepstream.rpc.url=" + deepstream.url(),
				"--server.port=0")) {
			String port = context.getEnvironment().getProperty("local.server.port");
			RestTestClient http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
			http.get().uri("/add?a=7&b=13").exchange().expectStatus().isOk().expectBody(Integer.class).isEqualTo(20);
			try (JsClient js = JsClient.start(deepstream.server(), Map.of())) {
				JsonMapper json = context.getBean(JsonMapper.class);
				assertThat(js.make("add-two-numbers", json.valueToTree(Map.of("numA", 1, "numB", 2))).join().value())
					.contains(IntNode.valueOf(3));
			}
		}
	}

	@Test
	@DisabledInAotMode
	void mainStartsTheApplicationWithTheEmbeddedServerWhenNoUrlIsSet() {
		try (ConfigurableApplicationContext context = runMain("--deepstream.rpc.embedded.port=0", "--server.port=0")) {
			String port = context.getEnvironment().getProperty("local.server.port");
			RestTestClient http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
			http.get().uri("/add?a=7&b=13").exchange().expectStatus().isOk().expectBody(Integer.class).isEqualTo(20);
			assertThat(context.getBean(DeepstreamRpcClient.class).providers()).containsEntry("add-two-numbers",
					ProviderState.REGISTERED);
		}
	}

	private static ConfigurableApplicationContext runMain(String... args) {
		AtomicReference<ConfigurableApplicationContext> started = new AtomicReference<>();
		SpringApplicationHook hook = (application) -> new SpringApplicationRunListener() {

			@Override
			public void started(ConfigurableApplicationContext context, Duration timeTaken) {
				started.set(context);
			}

		};
		SpringApplication.withHook(hook, () -> SampleApplication.main(args));
		return started.get();
	}

}
