package dev.deepstreamrpc.sample;

import java.util.Map;

import dev.deepstreamrpc.test.DeepstreamServerExtension;
import dev.deepstreamrpc.test.JsClient;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.aot.DisabledInAotMode;

/**
 * The sample's scenarios against the real deepstream server. Not run on the AOT-processed
 * context: AOT processing evaluates whether {@code deepstream.rpc.url} is set at build
 * time, when this server is not running; the embedded-server scenarios cover AOT mode.
 */
@DisabledInAotMode
class RealServerSampleApplicationTests extends SampleApplicationScenarios {

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension.create();

	@DynamicPropertySource
	static void deepstreamUrl(DynamicPropertyRegistry registry) {
		registry.add("deepstream.rpc.url", () -> deepstream.url().toString());
	}

	@Override
	JsClient startJsClient() {
		return JsClient.start(deepstream.server(), Map.of());
	}

}
