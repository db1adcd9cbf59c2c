package dev.deepstreamrpc.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Connects a test's application context to an embedded deepstream server instead of the
 * configured one, so that {@code @SpringBootTest}s of deepstream RPC applications need no
 * server of their own.
 * <p>
 * The context gets a running {@link dev.deepstreamrpc.embedded.EmbeddedDeepstreamServer
 * EmbeddedDeepstreamServer} bean on a free loopback port, closed with the context and
 * injectable into the test to inject faults. Its connection details take precedence over
 * {@code deepstream.rpc.url} and, being {@code @Primary}, over any other
 * {@link dev.deepstreamrpc.spring.autoconfigure.DeepstreamConnectionDetails
 * DeepstreamConnectionDetails} bean such as a {@code @ServiceConnection} container.
 * {@code deepstream.rpc.authentication.*} still supply the login data, and
 * {@code deepstream.rpc.server.ack-timeout} and {@code response-timeout} configure the
 * server as well as the client. {@link EmbeddedDeepstreamServerCustomizer} beans
 * configure the rest; an {@code EmbeddedDeepstreamServer} bean of the application's own
 * is used instead of starting one.
 *
 * @see EmbeddedDeepstreamTestAutoConfiguration
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureEmbeddedDeepstream {

}
