package dev.deepstreamrpc.sample;

import java.util.Map;

import dev.deepstreamrpc.embedded.EmbeddedDeepstreamServer;
import dev.deepstreamrpc.test.DeepstreamInstallation;
import dev.deepstreamrpc.test.JsClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The sample's scenarios against the embedded development server that the application
 * starts by itself when no {@code deepstream.rpc.url} is set, including the official
 * JavaScript client calling the sample's providers through it.
 */
@TestPropertySource(properties = "deepstream.rpc.embedded.port=0")
class EmbeddedServerSampleApplicationTests extends SampleApplicationScenarios {

	@Autowired
	private EmbeddedDeepstreamServer embeddedServer;

	@Override
	JsClient startJsClient() {
		return JsClient.start(DeepstreamInstallation.install(), this.embeddedServer.url(), Map.of());
	}

}
