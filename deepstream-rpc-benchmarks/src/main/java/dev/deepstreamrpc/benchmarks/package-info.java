/**
 * Benchmarks of the deepstream RPC client: JMH microbenchmarks of the hot paths and an
 * end-to-end load tool that compares the client with the official JS client on the same
 * server.
 */
@NullMarked
package dev.deepstreamrpc.benchmarks;

import org.jspecify.annotations.NullMarked;
