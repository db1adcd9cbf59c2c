/**
 * The transport SPI: WebSocket binary messages in and out, knowing nothing of deepstream.
 */
@NullMarked
package dev.deepstreamrpc.client.transport;

import org.jspecify.annotations.NullMarked;
