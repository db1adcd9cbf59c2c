/**
 * The deepstream v7 binary wire format: pure bytes-to-message conversion with no I/O and
 * no threads.
 */
@NullMarked
package dev.deepstreamrpc.client.wire;

import org.jspecify.annotations.NullMarked;
