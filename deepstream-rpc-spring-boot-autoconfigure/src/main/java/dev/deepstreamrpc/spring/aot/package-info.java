/**
 * Ahead-of-time processing: the reflection that {@code @RpcProvider} methods, their
 * payloads and the wire messages need in an AOT-processed or native application.
 */
@NullMarked
package dev.deepstreamrpc.spring.aot;

import org.jspecify.annotations.NullMarked;
