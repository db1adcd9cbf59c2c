package dev.deepstreamrpc.client;

import java.net.URI;
import java.time.Duration;

import dev.deepstreamrpc.client.connection.ConnectionState;
import dev.deepstreamrpc.test.DeepstreamServer;
import dev.deepstreamrpc.test.TestCertificate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code wss://} against the real server serving certificates made for each test.
 */
class TlsTests {

	@Test
	void connectsWhenTheCertificateIsTrustedAndCallsWork() {
		TestCertificate certificate = TestCertificate.valid("localhost", "127.0.0.1");
		try (DeepstreamServer server = DeepstreamServer.builder().tls(certificate).start();
				DeepstreamRpcClient client = client(server.url(), certificate)) {
			assertThat(server.url().getScheme()).isEqualTo("wss");
			client.connect().join();
			client.provide("tls/echo", (request, response) -> response.send(request.data().as(String.class))).join();
			assertThat(client.make("tls/echo", "secret").join().as(String.class)).isEqualTo("secret");
		}
	}

	@Test
	void untrustedCertificateFailsFastWithoutFallingBackToPlainText() {
		TestCertificate certificate = TestCertificate.valid("localhost", "127.0.0.1");
		try (DeepstreamServer server = DeepstreamServer.builder().tls(certificate).start();
				DeepstreamRpcClient client = DeepstreamRpcClient.builder(server.url()).build()) {
			assertThat(failure(client)).isEqualTo(RpcTlsException.Reason.UNTRUSTED);
			assertThat(client.state()).isNotEqualTo(ConnectionState.OPEN);
		}
	}

	@Test
	void certificateForAnotherHostIsRefused() {
		TestCertificate certificate = TestCertificate.valid("elsewhere.example");
		try (DeepstreamServer server = DeepstreamServer.builder().tls(certificate).start();
				DeepstreamRpcClient client = client(server.url(), certificate)) {
			assertThat(failure(client)).isEqualTo(RpcTlsException.Reason.HOSTNAME_MISMATCH);
		}
	}

	@Test
	void expiredCertificateIsRefusedSayingSo() {
		TestCertificate certificate = TestCertificate.expired("localhost", "127.0.0.1");
		try (DeepstreamServer server = DeepstreamServer.builder().tls(certificate).start();
				DeepstreamRpcClient client = client(server.url(), certificate)) {
			assertThat(failure(client)).isEqualTo(RpcTlsException.Reason.EXPIRED);
		}
	}

	private static DeepstreamRpcClient client(URI url, TestCertificate trusted) {
		return DeepstreamRpcClient.builder(url).sslContext(trusted.trustingContext()).build();
	}

	private static RpcTlsException.Reason failure(DeepstreamRpcClient client) {
		long started = System.nanoTime();
		RpcTlsException[] failure = new RpcTlsException[1];
		assertThatExceptionOfType(RpcTlsException.class)
			.isThrownBy(() -> RealServerRpcTests.outcomeOf(client.connect()))
			.satisfies((ex) -> failure[0] = ex);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
		return failure[0].reason();
	}

}
