package dev.deepstreamrpc.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS certificate and the certificate authority that signed it, made for one test with
 * the JDK's {@code keytool}, so that tests can start a server with {@code wss://} and
 * prove what clients do with trusted, untrusted, expired and wrong-host certificates. The
 * server serves the certificate; clients that should trust it trust the authority.
 */
public final class TestCertificate {

	private static final String PASSWORD = "test-only";

	private final X509Certificate authority;

	private final X509Certificate certificate;

	private final PrivateKey privateKey;

	private TestCertificate(X509Certificate authority, X509Certificate certificate, PrivateKey privateKey) {
		this.authority = authority;
		this.certificate = certificate;
		this.privateKey = privateKey;
	}

	/**
	 * A certificate valid from yesterday for a week.
	 * @param hosts the host names and IP addresses it covers
	 * @return the certificate
	 */
	public static TestCertificate valid(String... hosts) {
		return generate("-1d", 7, hosts);
	}

	/**
	 * A certificate that expired yesterday.
	 * @param hosts the host names and IP addresses it covers
	 * @return the certificate
	 */
	public static TestCertificate expired(String... hosts) {
		return generate("-10d", 9, hosts);
	}

	public X509Certificate certificate() {
		return this.certificate;
	}

	public String certificatePem() {
		return pem("CERTIFICATE", encoded(this.certificate));
	}

	/**
	 * The authority that signed the certificate, for trust stores.
	 * @return the authority's certificate in PEM form
	 */
	public String authorityPem() {
		return pem("CERTIFICATE", encoded(this.authority));
	}

	public String privateKeyPem() {
		return pem("PRIVATE KEY", this.privateKey.getEncoded());
	}

	/**
	 * A trust store holding only the authority that signed this certificate.
	 * @return the trust store
	 */
	public KeyStore trustStore() {
		try {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setCertificateEntry("test-authority", this.authority);
			return store;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("Could not build a trust store", ex);
		}
	}

	/**
	 * An {@link SSLContext} that trusts only the authority that signed this certificate.
	 * @return the context
	 */
	public SSLContext trustingContext() {
		try {
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trustStore());
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not build an SSL context", ex);
		}
	}

	private static TestCertificate generate(String startDate, int validityDays, String... hosts) {
		try {
			Path directory = Files.createTempDirectory("deepstream-tls");
			Path keyStore = directory.resolve("keys.p12");
			Path request = directory.resolve("server.csr");
			Path signed = directory.resolve("server.pem");
			try {
				keytool("-genkeypair", "-alias", "authority", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
						"CN=deepstream-rpc test authority", "-ext", "bc:c", "-startdate", "-20d", "-validity", "60",
						"-keystore", keyStore.toString());
				keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
						"CN=" + hosts[0], "-keystore", keyStore.toString());
				keytool("-certreq", "-alias", "server", "-keystore", keyStore.toString(), "-file", request.toString());
				keytool("-gencert", "-alias", "authority", "-keystore", keyStore.toString(), "-infile",
						request.toString(), "-outfile", signed.toString(), "-rfc", "-ext", "SAN=" + san(hosts),
						"-startdate", startDate, "-validity", Integer.toString(validityDays));
				return load(keyStore, signed);
			}
			finally {
				TempFiles.deleteRecursively(directory);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String san(String... hosts) {
		return Stream.of(hosts)
			.map((host) -> (Character.isDigit(host.charAt(0)) ? "ip:" : "dns:") + host)
			.collect(Collectors.joining(","));
	}

	private static void keytool(String... arguments) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(arguments));
		command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running keytool", ex);
		}
	}

	private static TestCertificate load(Path keyStore, Path signed) throws IOException {
		try (InputStream keys = Files.newInputStream(keyStore);
				InputStream certificate = Files.newInputStream(signed)) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(keys, PASSWORD.toCharArray());
			X509Certificate server = (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(certificate);
			return new TestCertificate((X509Certificate) store.getCertificate("authority"), server,
					(PrivateKey) store.getKey("server", PASSWORD.toCharArray()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not read the generated certificates", ex);
		}
	}

	private static byte[] encoded(X509Certificate certificate) {
		try {
			return certificate.getEncoded();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

}
