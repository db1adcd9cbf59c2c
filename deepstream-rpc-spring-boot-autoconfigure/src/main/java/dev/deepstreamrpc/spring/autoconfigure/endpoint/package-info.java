/**
 * Auto-configuration of the Actuator endpoint of deepstream RPC providers.
 */
@NullMarked
package dev.deepstreamrpc.spring.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
