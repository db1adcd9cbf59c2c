package dev.deepstreamrpc.sample.catalogue;

/**
 * Thrown when a search names a category the catalogue does not have.
 */
class UnknownCategoryException extends RuntimeException {

	private final String category;

	UnknownCategoryException(String category) {
		super("Unknown category " + category);
		this.category = category;
	}

	String category() {
		return this.category;
	}

}
