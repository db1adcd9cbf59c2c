package dev.deepstreamrpc.test;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * Asks the server's HTTP health check whether it is up, with {@link HttpURLConnection}
 * because it leaves no client threads behind.
 */
final class HealthCheck {

	private static final int TIMEOUT_MILLIS = 1000;

	private HealthCheck() {
	}

	static boolean isHealthy(int port) {
		try {
			URI uri = URI.create("http://127.0.0.1:" + port + ServerConfigWriter.HEALTH_CHECK_PATH);
			HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
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
