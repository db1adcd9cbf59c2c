package dev.deepstreamrpc.client.connection;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReconnectBackoffTests {

	private final Duration initial = Duration.ofMillis(100);

	private final Duration max = Duration.ofSeconds(1);

	@Test
	void doublesFromTheInitialDelayUpToTheCap() {
		ReconnectBackoff middle = ReconnectBackoff.exponential(this.initial, this.max, () -> 0.5);
		assertThat(middle.delay(1)).isEqualTo(Duration.ofMillis(100));
		assertThat(middle.delay(2)).isEqualTo(Duration.ofMillis(200));
		assertThat(middle.delay(4)).isEqualTo(Duration.ofMillis(800));
		assertThat(middle.delay(5)).isEqualTo(Duration.ofMillis(1000));
		assertThat(middle.delay(500)).isEqualTo(Duration.ofMillis(1000));
	}

	@Test
	void jitterStaysWithin35PercentOfTheBase() {
		ReconnectBackoff lowest = ReconnectBackoff.exponential(this.initial, this.max, () -> 0.0);
		ReconnectBackoff highest = ReconnectBackoff.exponential(this.initial, this.max, () -> 0.9999999);
		assertThat(lowest.delay(1)).isEqualTo(Duration.ofMillis(65));
		assertThat(lowest.delay(40)).isEqualTo(Duration.ofMillis(650));
		assertThat(highest.delay(3)).isEqualTo(Duration.ofMillis(539));
		assertThat(highest.delay(40)).isEqualTo(Duration.ofMillis(1349));
	}

	@Test
	void spreadsDelaysOfTheSameAttempt() {
		ReconnectBackoff random = ReconnectBackoff.exponential(this.initial, this.max);
		assertThat(java.util.stream.IntStream.range(0, 50).mapToObj((i) -> random.delay(6)).distinct().count())
			.isGreaterThan(10);
	}

}
