/**
 * The {@code add-two-numbers} RPC and the REST endpoint that calls it.
 */
@NullMarked
package dev.deepstreamrpc.sample.calculator;

import org.jspecify.annotations.NullMarked;
