package dev.deepstreamrpc.spring.observation;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import dev.deepstreamrpc.client.RpcAuthenticationException;
import dev.deepstreamrpc.client.RpcBackpressureException;
import dev.deepstreamrpc.client.RpcClientClosedException;
import dev.deepstreamrpc.client.RpcConnectionLostException;
import dev.deepstreamrpc.client.RpcNoProviderException;
import dev.deepstreamrpc.client.RpcNotConnectedException;
import dev.deepstreamrpc.client.RpcPayloadTooLargeException;
import dev.deepstreamrpc.client.RpcPermissionDeniedException;
import dev.deepstreamrpc.client.RpcRemoteException;
import dev.deepstreamrpc.client.RpcTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * How a call ended, as a small fixed set of values, so that a tag derived from it keeps
 * its cardinality low whatever the exception messages say.
 */
public enum RpcCallOutcome {

	/**
	 * The provider answered with a value.
	 */
	SUCCESS,

	/**
	 * The provider answered with an error.
	 */
	ERROR,

	/**
	 * No provider was available, or every provider rejected the request.
	 */
	NO_PROVIDER,

	/**
	 * No provider acknowledged the request in time: within the server's ack timeout or
	 * the caller's deadline.
	 */
	ACCEPT_TIMEOUT,

	/**
	 * The provider acknowledged the request but did not answer in time: within the
	 * server's response timeout or the caller's deadline.
	 */
	RESPONSE_TIMEOUT,

	/**
	 * The connection was lost while the call was in flight.
	 */
	CONNECTION_LOST,

	/**
	 * The client was not connected, not logged in or closed, so the call was not sent.
	 */
	NOT_CONNECTED,

	/**
	 * The server's permissions do not allow the call.
	 */
	PERMISSION_DENIED,

	/**
	 * The request exceeded the server's maximum message size, so it was not sent.
	 */
	PAYLOAD_TOO_LARGE,

	/**
	 * The client had too many calls in flight, so the call was not sent.
	 */
	BACKPRESSURE,

	/**
	 * Any other failure, such as data that could not be converted to JSON.
	 */
	UNKNOWN;

	/**
	 * The outcome of a call from its failure.
	 * @param failure what the call failed with, or {@code null} if it succeeded
	 * @return the outcome
	 */
	public static RpcCallOutcome of(@Nullable Throwable failure) {
		Throwable cause = unwrap(failure);
		if (cause == null) {
			return SUCCESS;
		}
		if (cause instanceof RpcTimeoutException timeout) {
			return (timeout.phase() == RpcTimeoutException.Phase.ACCEPT) ? ACCEPT_TIMEOUT : RESPONSE_TIMEOUT;
		}
		if (cause instanceof RpcNotConnectedException || cause instanceof RpcAuthenticationException
				|| cause instanceof RpcClientClosedException) {
			return NOT_CONNECTED;
		}
		return ofFailure(cause);
	}

	private static RpcCallOutcome ofFailure(Throwable cause) {
		if (cause instanceof RpcRemoteException) {
			return ERROR;
		}
		if (cause instanceof RpcNoProviderException) {
			return NO_PROVIDER;
		}
		if (cause instanceof RpcConnectionLostException) {
			return CONNECTION_LOST;
		}
		if (cause instanceof RpcPermissionDeniedException) {
			return PERMISSION_DENIED;
		}
		if (cause instanceof RpcPayloadTooLargeException) {
			return PAYLOAD_TOO_LARGE;
		}
		return (cause instanceof RpcBackpressureException) ? BACKPRESSURE : UNKNOWN;
	}

	/**
	 * The failure itself, without the wrappers of {@link java.util.concurrent.Future}s.
	 * @param failure the failure, possibly wrapped
	 * @return the failure, or {@code null}
	 */
	static @Nullable Throwable unwrap(@Nullable Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

}
