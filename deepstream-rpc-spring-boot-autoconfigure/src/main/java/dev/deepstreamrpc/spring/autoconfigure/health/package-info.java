/**
 * Auto-configuration of the deepstream RPC health indicator.
 */
@NullMarked
package dev.deepstreamrpc.spring.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
