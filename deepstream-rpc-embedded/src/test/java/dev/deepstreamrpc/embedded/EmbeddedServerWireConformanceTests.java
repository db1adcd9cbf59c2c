package dev.deepstreamrpc.embedded;

import java.net.URI;

import dev.deepstreamrpc.embedded.junit.EmbeddedDeepstreamExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The wire conformance suite against the embedded server.
 */
class EmbeddedServerWireConformanceTests extends WireConformanceTests {

	@RegisterExtension
	static final EmbeddedDeepstreamExtension deepstream = EmbeddedDeepstreamExtension
		.create(ConformanceSettings::embedded);

	@Override
	URI url() {
		return deepstream.url();
	}

}
