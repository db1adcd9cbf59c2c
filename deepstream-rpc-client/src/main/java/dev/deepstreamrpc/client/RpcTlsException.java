package dev.deepstreamrpc.client;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.util.Locale;

import javax.net.ssl.SSLException;

import org.jspecify.annotations.Nullable;

/**
 * The TLS handshake with the server failed, so nothing was sent. The {@link #reason()}
 * tells an untrusted certificate from an expired one or one issued for another host; the
 * client never falls back to an unencrypted connection.
 */
public class RpcTlsException extends RpcNotConnectedException {

	private final Reason reason;

	public RpcTlsException(String message, Reason reason, Throwable cause) {
		super(message + " (" + reason.description + ")", cause);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

	/**
	 * Finds the TLS failure among the causes of a connection failure.
	 * @param failure why the connection failed
	 * @return the reason, or {@code null} if the failure was not a TLS failure
	 */
	static @Nullable Reason reasonOf(Throwable failure) {
		boolean tls = false;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
			if (cause instanceof CertificateExpiredException || message.contains("expired")) {
				return Reason.EXPIRED;
			}
			if (message.contains("no subject alternative") || message.contains("no name matching")) {
				return Reason.HOSTNAME_MISMATCH;
			}
			if (cause instanceof CertPathBuilderException || message.contains("unable to find valid certification")) {
				return Reason.UNTRUSTED;
			}
			tls |= cause instanceof SSLException;
		}
		return tls ? Reason.OTHER : null;
	}

	/**
	 * Why the handshake failed.
	 */
	public enum Reason {

		/**
		 * The server's certificate is not signed by a trusted authority.
		 */
		UNTRUSTED("certificate not trusted"),

		/**
		 * The server's certificate has expired or is not yet valid.
		 */
		EXPIRED("certificate expired"),

		/**
		 * The server's certificate was issued for another host name.
		 */
		HOSTNAME_MISMATCH("certificate issued for another host"),

		/**
		 * Another TLS failure, such as no common protocol or cipher.
		 */
		OTHER("TLS handshake failed");

		private final String description;

		Reason(String description) {
			this.description = description;
		}

	}

}
