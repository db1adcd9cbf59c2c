/**
 * The deepstream v7 binary wire format: pure bytes-to-message conversion with no I/O and
 * no threads.
 */
@NullMarked
package dev.deepstreamrpc.wire;

import org.jspecify.annotations.NullMarked;
