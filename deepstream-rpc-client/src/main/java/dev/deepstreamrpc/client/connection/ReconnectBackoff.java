package dev.deepstreamrpc.client.connection;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before each reconnection attempt, as a policy object so that the
 * connection holds no backoff arithmetic of its own.
 */
@FunctionalInterface
public interface ReconnectBackoff {

	/**
	 * The delay before an attempt.
	 * @param attempt the number of consecutive failed attempts so far, starting at 1
	 * @return the delay
	 */
	Duration delay(int attempt);

	/**
	 * Capped exponential backoff with jitter: the base delay doubles from {@code initial}
	 * up to {@code max}, and each delay is drawn evenly within 35% either side of the
	 * base, so that many clients restarted together spread out while the attempt rate at
	 * the cap stays one per {@code max} on average. The spread is wide enough to show in
	 * a dozen delays in a row: its standard deviation is 20% of the base.
	 * @param initial the base delay of the first attempt
	 * @param max the cap
	 * @return the policy
	 */
	static ReconnectBackoff exponential(Duration initial, Duration max) {
		return exponential(initial, max, () -> ThreadLocalRandom.current().nextDouble());
	}

	/**
	 * Like {@link #exponential(Duration, Duration)} with a given source of randomness in
	 * {@code [0, 1)}, so that tests can fix it.
	 * @param initial the base delay of the first attempt
	 * @param max the cap
	 * @param random the source of randomness
	 * @return the policy
	 */
	static ReconnectBackoff exponential(Duration initial, Duration max, DoubleSupplier random) {
		return (attempt) -> {
			long base = initial.toMillis() << Math.min(Math.max(attempt - 1, 0), 30);
			long capped = Math.min(Math.max(base, 0), max.toMillis());
			return Duration.ofMillis((long) (capped * (0.65 + 0.7 * random.getAsDouble())));
		};
	}

}
