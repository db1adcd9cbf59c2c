package dev.deepstreamrpc.client.fault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import dev.deepstreamrpc.client.connection.ConnectionState;
import dev.deepstreamrpc.client.connection.ConnectionStateListener;
import org.jspecify.annotations.Nullable;

/**
 * Records a client's connection states on the ledger's timeline, so that a scenario can
 * tell when the client saw a fault and when it recovered, relative to the fault itself.
 * <p>
 * Thread-safe. The list of transitions grows by one entry per state change and is read by
 * the test thread.
 */
final class StateRecorder implements ConnectionStateListener {

	private final Supplier<Duration> clock;

	private final List<Transition> transitions = new CopyOnWriteArrayList<>();

	StateRecorder(Supplier<Duration> clock) {
		this.clock = clock;
	}

	@Override
	public void stateChanged(ConnectionState previous, ConnectionState current, @Nullable Throwable cause) {
		this.transitions.add(new Transition(this.clock.get(), current));
	}

	/**
	 * When the client first entered a state at or after a moment.
	 * @param state the state
	 * @param after the moment
	 * @return the time, or empty if it has not entered the state since
	 */
	Optional<Duration> first(ConnectionState state, Duration after) {
		return this.transitions.stream()
			.filter((transition) -> transition.state() == state && transition.at().compareTo(after) >= 0)
			.map(Transition::at)
			.findFirst();
	}

	/**
	 * When the client first left the open state at or after a moment.
	 * @param after the moment
	 * @return the time, or empty if it has not left it since
	 */
	Optional<Duration> firstLoss(Duration after) {
		return first(ConnectionState.RECONNECTING, after);
	}

	/**
	 * Every time the client entered a state, in order.
	 * @param state the state
	 * @param from the first moment counted
	 * @param to the moment after the last one counted
	 * @return the times
	 */
	List<Duration> times(ConnectionState state, Duration from, Duration to) {
		return this.transitions.stream()
			.filter((transition) -> transition.state() == state && transition.at().compareTo(from) >= 0
					&& transition.at().compareTo(to) < 0)
			.map(Transition::at)
			.toList();
	}

	/**
	 * One state change.
	 *
	 * @param at when it happened, on the ledger's timeline
	 * @param state the state entered
	 */
	record Transition(Duration at, ConnectionState state) {
	}

}
