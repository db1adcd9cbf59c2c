package dev.deepstreamrpc.benchmarks.load;

import java.util.Arrays;

/**
 * What one measured run of one requestor produced. Latencies are in microseconds.
 *
 * @param calls the calls that succeeded
 * @param errors the calls that failed
 * @param wallNanos from the first call to the last completion
 * @param p50 the median latency
 * @param p90 the 90th percentile
 * @param p99 the 99th percentile
 * @param max the largest latency
 */
record RunResult(long calls, long errors, long wallNanos, long p50, long p90, long p99, long max) {

	static RunResult of(long calls, long errors, long wallNanos, long[] latencyNanos) {
		long[] sorted = latencyNanos.clone();
		Arrays.sort(sorted);
		return new RunResult(calls, errors, wallNanos, percentile(sorted, 0.5) / 1000, percentile(sorted, 0.9) / 1000,
				percentile(sorted, 0.99) / 1000, (sorted.length > 0) ? sorted[sorted.length - 1] / 1000 : 0);
	}

	private static long percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
	}

	/**
	 * Parses the worker's {@code result} line.
	 * @param line {@code result <calls> <errors> <wallNs> <p50> <p90> <p99> <max>}
	 * @return the result
	 */
	static RunResult parse(String line) {
		String[] fields = line.trim().split(" ");
		if (fields.length != 8 || !"result".equals(fields[0])) {
			throw new IllegalArgumentException("Not a result line: " + line);
		}
		long[] values = Arrays.stream(fields, 1, 8).mapToLong(Long::parseLong).toArray();
		return new RunResult(values[0], values[1], values[2], values[3], values[4], values[5], values[6]);
	}

	String line() {
		return "result " + this.calls + " " + this.errors + " " + this.wallNanos + " " + this.p50 + " " + this.p90 + " "
				+ this.p99 + " " + this.max;
	}

	double callsPerSecond() {
		return (this.wallNanos > 0) ? this.calls * 1e9 / this.wallNanos : 0;
	}

}
