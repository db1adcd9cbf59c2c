package dev.deepstreamrpc.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Marks a bean method as the provider of a deepstream RPC.
 * <p>
 * The method may declare one payload parameter, bound from the request's JSON data to its
 * declared type (and validated when annotated {@code @Valid} and a validator is present),
 * an {@link dev.deepstreamrpc.client.RpcRequest} parameter for the RPC name and the
 * requestor, and an {@link dev.deepstreamrpc.client.RpcResponse} parameter for manual
 * control. Its return value is sent; {@code void} sends no value; a
 * {@link java.util.concurrent.CompletionStage} or a Reactor {@code Mono} is sent when it
 * completes. A thrown {@link RejectException} rejects the request so that the server
 * re-routes it; any other exception answers with an error, mapped by the
 * {@link RpcExceptionHandler} methods of {@link RpcAdvice} beans or, by default, carrying
 * the exception's message.
 * <p>
 * Usable as a meta-annotation. Providers are registered when the application context
 * starts and unregistered, drained, when it stops.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RpcProvider {

	/**
	 * Alias for {@link #name()}.
	 * @return the RPC name
	 */
	@AliasFor("name")
	String value() default "";

	/**
	 * The RPC name. Placeholders such as {@code ${app.rpc-prefix}/add} are resolved.
	 * @return the RPC name
	 */
	@AliasFor("value")
	String name() default "";

	/**
	 * Whether requests are acknowledged automatically, in time for the server's ack
	 * timeout: a method that returns at once needs no separate acknowledgement, a slower
	 * one is acknowledged while it runs (see
	 * {@link dev.deepstreamrpc.client.RpcResponse#ack()}). When off, the method must
	 * declare an {@link dev.deepstreamrpc.client.RpcResponse} parameter and call
	 * {@code ack()} within the server's ack timeout, or throw {@link RejectException}
	 * before acknowledging; rejecting after an acknowledgement makes the server report an
	 * ack timeout unless the next provider answers at once.
	 * @return whether requests are acknowledged automatically
	 */
	boolean autoAck() default true;

	/**
	 * How many requests this method may serve at once. Requests beyond it are rejected
	 * before they are acknowledged, so that the server re-routes them to another
	 * provider.
	 * @return the limit, or {@code 0} for none
	 */
	int maxConcurrency() default 0;

}
