package dev.deepstreamrpc.sample.catalogue;

import org.jspecify.annotations.Nullable;

/**
 * The data of a {@code search-products} request; a missing criterion matches every
 * product.
 *
 * @param text a part of the product name, in any case
 * @param category the exact category
 */
record ProductQuery(@Nullable String text, @Nullable String category) {

}
