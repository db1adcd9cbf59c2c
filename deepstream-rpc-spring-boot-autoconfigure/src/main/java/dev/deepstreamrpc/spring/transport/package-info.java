/**
 * A deepstream RPC client transport on Spring's WebSocket support.
 */
@NullMarked
package dev.deepstreamrpc.spring.transport;

import org.jspecify.annotations.NullMarked;
