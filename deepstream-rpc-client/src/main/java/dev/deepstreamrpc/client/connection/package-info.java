/**
 * One logical connection to deepstream: the state machine, the handshake, the heartbeat
 * and reconnection, over any {@link dev.deepstreamrpc.client.transport.Transport}.
 */
@NullMarked
package dev.deepstreamrpc.client.connection;

import org.jspecify.annotations.NullMarked;
