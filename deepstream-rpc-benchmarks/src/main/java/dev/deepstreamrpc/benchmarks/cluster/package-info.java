/**
 * Throughput of a two-node deepstream cluster joined through Redis, against one node and
 * a standalone server, so that scaling out is measured rather than assumed.
 */
@NullMarked
package dev.deepstreamrpc.benchmarks.cluster;

import org.jspecify.annotations.NullMarked;
