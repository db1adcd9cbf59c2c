/**
 * Auto-configuration for deepstream RPC: switches the Spring integration on.
 */
@NullMarked
package dev.deepstreamrpc.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
