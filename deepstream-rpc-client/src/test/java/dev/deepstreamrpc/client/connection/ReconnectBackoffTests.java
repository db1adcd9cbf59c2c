package dev.deepstreamrpc.client.connection;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReconnectBackoffTests {

	private final Duration initial = Duration.ofMillis(100);

	private final Duration max = Duration.ofSeconds(1);

	@Test
	void doublesFromTheInitialDelayUpToTheCap() {
		ReconnectBackoff highest = ReconnectBackoff.exponential(this.initial, this.max, () -> 0.9999999);
		assertThat(highest.delay(1)).isEqualTo(Duration.ofMillis(99));
		assertThat(highest.delay(2)).isEqualTo(Duration.ofMillis(199));
		assertThat(highest.delay(4)).isEqualTo(Duration.ofMillis(799));
		assertThat(highest.delay(5)).isEqualTo(Duration.ofMillis(999));
		assertThat(highest.delay(500)).isEqualTo(Duration.ofMillis(999));
	}

	@Test
	void jitterNeverGoesBelowHalfTheBase() {
		ReconnectBackoff lowest = ReconnectBackoff.exponential(this.initial, this.max, () -> 0.0);
		assertThat(lowest.delay(1)).isEqualTo(Duration.ofMillis(50));
		assertThat(lowest.delay(3)).isEqualTo(Duration.ofMillis(200));
		assertThat(lowest.delay(40)).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void spreadsDelaysOfTheSameAttempt() {
		ReconnectBackoff random = ReconnectBackoff.exponential(this.initial, this.max);
		assertThat(java.util.stream.IntStream.range(0, 50).mapToObj((i) -> random.delay(6)).distinct().count())
			.isGreaterThan(10);
	}

}
