/**
 * Actuator health for deepstream RPC: whether the client is logged in and the server
 * routes every provided RPC to it.
 */
@NullMarked
package dev.deepstreamrpc.spring.health;

import org.jspecify.annotations.NullMarked;
