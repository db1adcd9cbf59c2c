/**
 * A Spring Boot application that provides and calls each kind of deepstream RPC.
 */
@NullMarked
package dev.deepstreamrpc.sample;

import org.jspecify.annotations.NullMarked;
