/**
 * The {@code search-products} RPC, a query over an in-memory product catalogue.
 */
@NullMarked
package dev.deepstreamrpc.sample.catalogue;

import org.jspecify.annotations.NullMarked;
