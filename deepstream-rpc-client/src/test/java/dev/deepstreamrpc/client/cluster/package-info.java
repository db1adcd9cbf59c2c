/**
 * Scenarios on a real deepstream cluster of two nodes joined through Redis, so that
 * routing between nodes and failover from a killed node are measured rather than assumed.
 */
@NullMarked
package dev.deepstreamrpc.client.cluster;

import org.jspecify.annotations.NullMarked;
