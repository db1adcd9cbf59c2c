/**
 * An Actuator endpoint that lists the application's RPC providers and stops and starts
 * them at runtime.
 */
@NullMarked
package dev.deepstreamrpc.spring.endpoint;

import org.jspecify.annotations.NullMarked;
