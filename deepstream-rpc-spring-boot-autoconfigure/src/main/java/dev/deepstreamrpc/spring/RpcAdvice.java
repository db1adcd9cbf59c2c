package dev.deepstreamrpc.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.stereotype.Component;

/**
 * Marks a bean whose {@link RpcExceptionHandler} methods map the exceptions of every
 * {@link RpcProvider} method to error answers, like {@code @ControllerAdvice} does for
 * web controllers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface RpcAdvice {

}
