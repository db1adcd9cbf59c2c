/**
 * Auto-configuration of the meters of deepstream RPC.
 */
@NullMarked
package dev.deepstreamrpc.spring.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
