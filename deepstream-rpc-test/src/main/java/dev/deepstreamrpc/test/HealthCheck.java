package dev.deepstreamrpc.test;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Asks the server's HTTP health check whether it is up, with {@link HttpURLConnection}
 * because it leaves no client threads behind.
 */
final class HealthCheck {

	private static final int TIMEOUT_MILLIS = 1000;

	private HealthCheck() {
	}

	/**
	 * The probe only asks whether the test's own server process is up, whatever
	 * certificate the test gave it (expired or for another host), so it accepts any.
	 * @param connection the probe's connection
	 */
	private static void trustOwnServer(HttpsURLConnection connection) {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, new TrustManager[] { new AcceptingTrustManager() }, null);
			connection.setSSLSocketFactory(context.getSocketFactory());
			connection.setHostnameVerifier((host, session) -> true);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Accepts every certificate: used only to probe the test's own server.
	 */
	private static final class AcceptingTrustManager implements X509TrustManager {

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return new X509Certificate[0];
		}

	}

	static boolean isHealthy(int port, boolean tls) {
		try {
			URI uri = URI
				.create((tls ? "https" : "http") + "://127.0.0.1:" + port + ServerConfigWriter.HEALTH_CHECK_PATH);
			HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
			if (connection instanceof HttpsURLConnection https) {
				trustOwnServer(https);
			}
			connection.setConnectTimeout(TIMEOUT_MILLIS);
			connection.setReadTimeout(TIMEOUT_MILLIS);
			try {
				return connection.getResponseCode() == 200;
			}
			finally {
				connection.disconnect();
			}
		}
		catch (IOException ex) {
			return false;
		}
	}

}
