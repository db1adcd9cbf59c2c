package dev.deepstreamrpc.sample.catalogue;

import java.util.Map;

import dev.deepstreamrpc.spring.RpcAdvice;
import dev.deepstreamrpc.spring.RpcExceptionHandler;

/**
 * Answers a search for an unknown category with a structured error value instead of the
 * exception's message, so that callers can tell the code and the category apart.
 */
@RpcAdvice
class CatalogueRpcErrors {

	@RpcExceptionHandler
	Map<String, String> unknownCategory(UnknownCategoryException ex) {
		return Map.of("code", "UNKNOWN_CATEGORY", "category", ex.category());
	}

}
