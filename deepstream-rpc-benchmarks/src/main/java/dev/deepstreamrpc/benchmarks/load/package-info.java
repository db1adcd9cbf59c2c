/**
 * The end-to-end load tool: the Java client, the Spring integration and the official JS
 * client side by side against one real deepstream server, in separate processes whose CPU
 * time is read from {@code /proc}.
 */
@NullMarked
package dev.deepstreamrpc.benchmarks.load;

import org.jspecify.annotations.NullMarked;
