package dev.deepstreamrpc.embedded;

import java.net.URI;

import dev.deepstreamrpc.embedded.junit.EmbeddedDeepstreamExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The RPC conformance suite against the embedded server.
 */
class EmbeddedServerRpcConformanceTests extends RpcConformanceTests {

	@RegisterExtension
	static final EmbeddedDeepstreamExtension deepstream = EmbeddedDeepstreamExtension
		.create(ConformanceSettings::embedded);

	@Override
	URI url() {
		return deepstream.url();
	}

}
