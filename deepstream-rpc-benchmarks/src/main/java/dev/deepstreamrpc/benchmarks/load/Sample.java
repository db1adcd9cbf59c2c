package dev.deepstreamrpc.benchmarks.load;

/**
 * One measured run with the CPU time its processes used meanwhile.
 *
 * @param result what the requestor measured
 * @param clientCpuNanos CPU time of the requestor's and the provider's processes
 * @param serverCpuNanos CPU time of the server process
 */
record Sample(RunResult result, long clientCpuNanos, long serverCpuNanos) {

	double clientMicrosPerCall() {
		return perCall(this.clientCpuNanos);
	}

	double serverMicrosPerCall() {
		return perCall(this.serverCpuNanos);
	}

	private double perCall(long nanos) {
		return (this.result.calls() > 0) ? nanos / 1000.0 / this.result.calls() : 0;
	}

}
