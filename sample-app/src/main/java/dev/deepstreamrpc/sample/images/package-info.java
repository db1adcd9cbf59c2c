/**
 * The {@code resize-image} RPC, which acknowledges a request only when it has capacity
 * for it.
 */
@NullMarked
package dev.deepstreamrpc.sample.images;

import org.jspecify.annotations.NullMarked;
