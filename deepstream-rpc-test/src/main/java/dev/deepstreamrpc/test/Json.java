package dev.deepstreamrpc.test;

import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of this package, shared because a mapper is immutable and
 * thread-safe once built.
 */
final class Json {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

}
