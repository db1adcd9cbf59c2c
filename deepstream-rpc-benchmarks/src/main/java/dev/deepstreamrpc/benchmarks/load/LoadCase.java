package dev.deepstreamrpc.benchmarks.load;

import java.util.List;

/**
 * One load shape of issue 7: how many calls are kept in flight, how large each payload is
 * (the JSON text, echoed back) and how many providers share the calls.
 *
 * @param label the name in the table
 * @param inFlight calls kept outstanding
 * @param payloadBytes the size of the request's and the response's JSON data
 * @param providers 1 or 4
 */
record LoadCase(String label, int inFlight, int payloadBytes, int providers) {

	static final LoadCase HEADLINE = new LoadCase("64 in flight, 16 B", 64, 16, 1);

	static final List<LoadCase> ALL = List.of(new LoadCase("sequential, 16 B", 1, 16, 1), HEADLINE,
			new LoadCase("512 in flight, 16 B", 512, 16, 1), new LoadCase("1 KB, 16 in flight", 16, 1024, 1),
			new LoadCase("16 KB, 16 in flight", 16, 16 * 1024, 1),
			new LoadCase("256 KB, 16 in flight", 16, 256 * 1024, 1),
			new LoadCase("4 providers, 256 in flight", 256, 16, 4));

	String target(String prefix) {
		return prefix + "-" + ((this.providers > 1) ? 4 : 1);
	}

}
