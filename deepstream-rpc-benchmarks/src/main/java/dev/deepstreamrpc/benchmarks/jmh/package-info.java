/**
 * JMH microbenchmarks of the client's hot paths: framing, payload binding, the request
 * and provider paths through the client, without a network.
 */
@NullMarked
package dev.deepstreamrpc.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;
