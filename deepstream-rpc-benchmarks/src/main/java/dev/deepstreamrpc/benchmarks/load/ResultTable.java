package dev.deepstreamrpc.benchmarks.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collects the samples of every case and client and prints them as one table with the
 * ratios to the official JS client, and the headline case as one JSON object.
 * <p>
 * Not thread-safe; used by the tool's main thread.
 */
final class ResultTable {

	static final String JS = "JS";

	static final String JAVA = "Java";

	static final String JAVA_NETTY = "Java Netty";

	private final Map<LoadCase, Map<String, List<Sample>>> samples = new LinkedHashMap<>();

	void add(LoadCase loadCase, String client, Sample sample) {
		this.samples.computeIfAbsent(loadCase, (key) -> new LinkedHashMap<>())
			.computeIfAbsent(client, (key) -> new ArrayList<>())
			.add(sample);
	}

	Summary summary(LoadCase loadCase, String client) {
		return Summary.of(this.samples.getOrDefault(loadCase, Map.of()).getOrDefault(client, List.of()));
	}

	String table() {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "%-27s %-10s %4s %9s %8s %8s %8s %8s %10s %10s %6s %9s %9s %9s%n", "case",
				"client", "runs", "calls/s", "p50 us", "p90 us", "p99 us", "max us", "cli us/c", "srv us/c", "errors",
				"rps/JS", "p50/JS", "cpu/JS"));
		this.samples.forEach((loadCase, byClient) -> byClient.keySet().forEach((client) -> {
			Summary summary = summary(loadCase, client);
			Summary js = summary(loadCase, JS);
			out.append(String.format(Locale.ROOT,
					"%-27s %-10s %4d %9.0f %8.0f %8.0f %8.0f %8.0f %10.1f %10.1f %6d %9s %9s %9s%n", loadCase.label(),
					client, summary.runs(), summary.callsPerSecond(), summary.p50(), summary.p90(), summary.p99(),
					summary.max(), summary.clientCpuMicros(), summary.serverCpuMicros(), summary.errors(),
					ratio(summary.callsPerSecond(), js.callsPerSecond()), ratio(summary.p50(), js.p50()),
					ratio(summary.clientCpuMicros(), js.clientCpuMicros())));
		}));
		return out.toString();
	}

	private static String ratio(double value, double reference) {
		return (reference > 0) ? String.format(Locale.ROOT, "%.2f", value / reference) : "-";
	}

	/**
	 * The headline case (64 in flight, 16 bytes) of the plain Java client on its Netty
	 * transport, with less CPU time per call than the JDK's, and the JS client as one
	 * JSON object. The table beside it has the same case on the default JDK transport.
	 * @return the JSON text, one line
	 */
	String headlineJson() {
		Summary java = summary(LoadCase.HEADLINE, JAVA_NETTY);
		Summary js = summary(LoadCase.HEADLINE, JS);
		return String.format(Locale.ROOT,
				"{\"java_rps\":%.0f,\"js_rps\":%.0f,\"java_p50_us\":%.0f,\"js_p50_us\":%.0f,\"java_p99_us\":%.0f,"
						+ "\"js_p99_us\":%.0f,\"java_cpu_us_per_call\":%.1f,\"js_cpu_us_per_call\":%.1f,"
						+ "\"java_transport\":\"netty\"}",
				java.callsPerSecond(), js.callsPerSecond(), java.p50(), js.p50(), java.p99(), js.p99(),
				java.clientCpuMicros(), js.clientCpuMicros());
	}

}
