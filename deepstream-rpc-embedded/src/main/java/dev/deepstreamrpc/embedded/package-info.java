/**
 * An in-JVM deepstream-compatible RPC server for development and tests.
 */
@NullMarked
package dev.deepstreamrpc.embedded;

import org.jspecify.annotations.NullMarked;
