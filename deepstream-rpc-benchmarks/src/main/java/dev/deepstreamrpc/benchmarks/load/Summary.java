package dev.deepstreamrpc.benchmarks.load;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The runs of one client in one case, reduced to medians (the maximum latency to the
 * largest, errors to their sum), so that one disturbed run does not decide the figure.
 *
 * @param runs how many runs
 * @param callsPerSecond median throughput
 * @param p50 median of the runs' median latency, in microseconds
 * @param p90 median 90th percentile
 * @param p99 median 99th percentile
 * @param max largest latency of any run
 * @param clientCpuMicros median client CPU time per call
 * @param serverCpuMicros median server CPU time per call
 * @param errors failed calls of all runs
 */
record Summary(int runs, double callsPerSecond, double p50, double p90, double p99, double max, double clientCpuMicros,
		double serverCpuMicros, long errors) {

	static Summary of(List<Sample> samples) {
		return new Summary(samples.size(), median(samples, (s) -> s.result().callsPerSecond()),
				median(samples, (s) -> s.result().p50()), median(samples, (s) -> s.result().p90()),
				median(samples, (s) -> s.result().p99()),
				samples.stream().mapToDouble((s) -> s.result().max()).max().orElse(0),
				median(samples, Sample::clientMicrosPerCall), median(samples, Sample::serverMicrosPerCall),
				samples.stream().mapToLong((s) -> s.result().errors()).sum());
	}

	private static double median(List<Sample> samples, ToDoubleFunction<Sample> metric) {
		double[] values = samples.stream().mapToDouble(metric).sorted().toArray();
		if (values.length == 0) {
			return 0;
		}
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

}
