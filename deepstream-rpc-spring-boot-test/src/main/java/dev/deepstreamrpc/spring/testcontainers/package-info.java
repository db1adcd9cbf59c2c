/**
 * Testcontainers support, so that {@code @ServiceConnection} connects an application to a
 * deepstream server in Docker.
 */
@NullMarked
package dev.deepstreamrpc.spring.testcontainers;

import org.jspecify.annotations.NullMarked;
