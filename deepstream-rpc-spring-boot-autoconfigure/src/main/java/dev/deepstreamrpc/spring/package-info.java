/**
 * Spring integration for deepstream RPC: {@link dev.deepstreamrpc.spring.RpcProvider}
 * methods and {@link dev.deepstreamrpc.spring.RpcTemplate}.
 */
@NullMarked
package dev.deepstreamrpc.spring;

import org.jspecify.annotations.NullMarked;
