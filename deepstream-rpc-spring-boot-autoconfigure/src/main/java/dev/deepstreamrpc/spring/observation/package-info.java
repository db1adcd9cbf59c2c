/**
 * Micrometer observations of RPC calls and provider invocations: their contexts, their
 * replaceable conventions and their documentation.
 */
@NullMarked
package dev.deepstreamrpc.spring.observation;

import org.jspecify.annotations.NullMarked;
