package dev.deepstreamrpc.client;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * How a provider answers one request. The first of {@link #send}, {@link #error} or
 * {@link #reject()} completes the request; later calls, and {@link #ack()} after
 * completion, do nothing. Thread-safe: a provider may answer from any thread.
 */
public interface RpcResponse {

	/**
	 * Acknowledges the request, which stops the server's acknowledgement timer. Sent
	 * automatically unless the provider was registered with {@code autoAck} off, and then
	 * only when needed: an answer given before the handler returns stops the timer
	 * itself; otherwise the acknowledgement leaves when the handler returns, or a quarter
	 * of the server's ack timeout after receipt while the request waits for or runs on
	 * the provider executor.
	 */
	void ack();

	/**
	 * Answers with a value.
	 * @param data the value; {@code null} is sent as JSON {@code null}
	 */
	void send(@Nullable Object data);

	/**
	 * Answers without a value, which JavaScript callers see as {@code undefined}.
	 */
	void send();

	/**
	 * Answers with an error.
	 * @param error the error value the caller receives, usually a message string; any
	 * value that converts to JSON is allowed
	 */
	void error(@Nullable Object error);

	/**
	 * Declines the request so that the server tries another provider. Only safe before
	 * the request was acknowledged: after an acknowledgement the server re-routes but
	 * reports an acceptance timeout unless the next provider answers within its ack
	 * timeout.
	 */
	void reject();

	/**
	 * Whether the request was answered or rejected.
	 * @return whether it is complete
	 */
	boolean isCompleted();

	/**
	 * Registers a callback for the end of the request, so that instrumentation can time
	 * it whatever ends it: an answer, a rejection or its expiry. Runs on the thread that
	 * completed the request, or at once if it is already complete; it must be quick.
	 * @param callback receives how the request ended
	 */
	void whenCompleted(Consumer<ProviderOutcome> callback);

}
