package dev.deepstreamrpc.embedded;

import java.net.URI;

import dev.deepstreamrpc.test.DeepstreamServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The RPC conformance suite against the real deepstream 7.0.2 server, the reference the
 * embedded server must match.
 */
class RealServerRpcConformanceTests extends RpcConformanceTests {

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension.create(ConformanceSettings::real);

	@Override
	URI url() {
		return deepstream.url();
	}

}
