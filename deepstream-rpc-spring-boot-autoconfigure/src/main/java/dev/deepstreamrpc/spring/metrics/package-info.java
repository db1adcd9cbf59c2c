/**
 * Micrometer meters for the state of a deepstream RPC client and its providers.
 */
@NullMarked
package dev.deepstreamrpc.spring.metrics;

import org.jspecify.annotations.NullMarked;
