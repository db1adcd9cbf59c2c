package dev.deepstreamrpc.sample.catalogue;

import java.util.List;

import dev.deepstreamrpc.spring.RpcOperations;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Searches the catalogue through the {@code search-products} RPC.
 */
@RestController
class ProductController {

	private static final ParameterizedTypeReference<List<Product>> PRODUCTS = new ParameterizedTypeReference<>() {
	};

	private final RpcOperations rpc;

	ProductController(RpcOperations rpc) {
		this.rpc = rpc;
	}

	@GetMapping("/products")
	@Nullable List<Product> search(@RequestParam(required = false) @Nullable String text,
			@RequestParam(required = false) @Nullable String category) {
		return this.rpc.make("search-products", new ProductQuery(text, category), PRODUCTS);
	}

}
