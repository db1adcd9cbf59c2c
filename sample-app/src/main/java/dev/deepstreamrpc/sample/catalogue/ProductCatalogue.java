package dev.deepstreamrpc.sample.catalogue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.deepstreamrpc.spring.RpcProvider;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Provides {@code search-products}, a query over a fixed in-memory catalogue; a request
 * without data lists every product.
 * <p>
 * Thread-safe: the catalogue is immutable.
 */
@Service
class ProductCatalogue {

	private final List<Product> products = List.of(
			new Product("BK-001", "Deepstream in Action", "books", new BigDecimal("39.90")),
			new Product("BK-002", "Realtime Systems Handbook", "books", new BigDecimal("54.00")),
			new Product("KB-001", "Mechanical Keyboard", "hardware", new BigDecimal("129.00")),
			new Product("MS-001", "Wireless Mouse", "hardware", new BigDecimal("24.50")),
			new Product("MN-001", "27-inch Monitor", "hardware", new BigDecimal("289.00")),
			new Product("MG-001", "Realtime Coffee Mug", "office", new BigDecimal("9.90")),
			new Product("NB-001", "Dotted Notebook", "office", new BigDecimal("6.50")));

	private final Set<String> categories = this.products.stream()
		.map(Product::category)
		.collect(Collectors.toUnmodifiableSet());

	@RpcProvider("search-products")
	List<Product> search(@Nullable ProductQuery query) {
		@Nullable String category = (query != null) ? query.category() : null;
		@Nullable String text = (query != null) ? query.text() : null;
		if (category != null && !this.categories.contains(category)) {
			throw new UnknownCategoryException(category);
		}
		return this.products.stream().filter(inCategory(category)).filter(named(text)).toList();
	}

	private static Predicate<Product> inCategory(@Nullable String category) {
		return (product) -> category == null || product.category().equals(category);
	}

	private static Predicate<Product> named(@Nullable String text) {
		String part = (text != null) ? text.toLowerCase(Locale.ROOT) : "";
		return (product) -> product.name().toLowerCase(Locale.ROOT).contains(part);
	}

}
