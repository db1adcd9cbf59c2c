package dev.deepstreamrpc.sample.catalogue;

import java.math.BigDecimal;

/**
 * A product of the catalogue.
 *
 * @param sku its stock-keeping unit
 * @param name its name
 * @param category its category
 * @param price its price in euros
 */
record Product(String sku, String name, String category, BigDecimal price) {

}
