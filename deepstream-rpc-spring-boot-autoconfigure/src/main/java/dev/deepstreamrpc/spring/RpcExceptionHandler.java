package dev.deepstreamrpc.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of an {@link RpcAdvice} bean that turns exceptions of the given types
 * into the error value the caller receives. The method takes the exception and,
 * optionally, the {@link dev.deepstreamrpc.client.RpcRequest}; it returns the error value
 * (a message string or any value that converts to JSON), or throws
 * {@link RejectException} to reject the request instead. The handler for the closest
 * matching exception type wins.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RpcExceptionHandler {

	/**
	 * The exception types handled; by default the type of the method's exception
	 * parameter.
	 * @return the exception types
	 */
	Class<? extends Throwable>[] value() default {};

}
