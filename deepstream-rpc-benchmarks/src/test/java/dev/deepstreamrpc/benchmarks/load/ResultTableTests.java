package dev.deepstreamrpc.benchmarks.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResultTableTests {

	@Test
	void tableShowsMediansAndRatiosToTheJsClient() {
		ResultTable table = new ResultTable();
		table.add(LoadCase.HEADLINE, ResultTable.JAVA, sample(20_000, 100, 10));
		table.add(LoadCase.HEADLINE, ResultTable.JAVA, sample(30_000, 300, 30));
		table.add(LoadCase.HEADLINE, ResultTable.JAVA, sample(40_000, 200, 20));
		table.add(LoadCase.HEADLINE, ResultTable.JS, sample(20_000, 400, 40));
		String text = table.table();
		assertThat(text.lines()).hasSize(3);
		assertThat(text.lines().skip(1).findFirst().orElseThrow()).startsWith("64 in flight, 16 B")
			.contains("Java", " 30000 ", " 200 ", "1.50", "0.50");
	}

	@Test
	void headlineIsOneJsonObjectWithTheAgreedKeysForTheNettyTransport() {
		ResultTable table = new ResultTable();
		table.add(LoadCase.HEADLINE, ResultTable.JAVA, sample(25_000, 250, 25));
		table.add(LoadCase.HEADLINE, ResultTable.JAVA_NETTY, sample(30_000, 200, 20));
		table.add(LoadCase.HEADLINE, ResultTable.JS, sample(20_000, 400, 40));
		assertThat(table.headlineJson()).isEqualTo("{\"java_rps\":30000,\"js_rps\":20000,\"java_p50_us\":200,"
				+ "\"js_p50_us\":400,\"java_p99_us\":2000,\"js_p99_us\":4000,\"java_cpu_us_per_call\":20.0,"
				+ "\"js_cpu_us_per_call\":40.0,\"java_transport\":\"netty\"}");
	}

	@Test
	void workerResultLinesRoundTrip() {
		RunResult result = new RunResult(10, 0, 1_000_000_000, 1, 2, 3, 4);
		assertThat(RunResult.parse(result.line())).isEqualTo(result);
		assertThat(result.callsPerSecond()).isEqualTo(10.0);
	}

	private static Sample sample(long callsPerSecond, long p50, long clientCpuMicrosPerCall) {
		RunResult result = new RunResult(callsPerSecond, 0, 1_000_000_000, p50, p50 * 2, p50 * 10, p50 * 20);
		return new Sample(result, clientCpuMicrosPerCall * callsPerSecond * 1000, 0);
	}

}
