/**
 * Test support for Spring Boot applications that use deepstream RPC: an embedded server
 * that replaces the configured one for the duration of a test context.
 */
@NullMarked
package dev.deepstreamrpc.spring.test;

import org.jspecify.annotations.NullMarked;
