package dev.deepstreamrpc.client.fault;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.deepstreamrpc.client.connection.ConnectionState;
import dev.deepstreamrpc.test.CallLedger;
import dev.deepstreamrpc.test.CallRecord;
import dev.deepstreamrpc.test.ChaosProxy;
import dev.deepstreamrpc.test.ChaosProxy.Direction;
import dev.deepstreamrpc.test.DeepstreamServerExtension;
import dev.deepstreamrpc.test.ResourceBaseline;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Server-to-client frames whose content the {@link ChaosProxy} turned into garbage while
 * the clients are under load (the corrupted-frame part of scenario 14 of the reliability
 * notes): a well-formed WebSocket frame that does not decode must cost at most the one
 * message it carried, never the connection, never an exception escaping a reader thread,
 * and every call still gets exactly one outcome within its deadline.
 */
@Tag("fault")
@Timeout(60)
class CorruptedFrameTests {

	private static final Logger logger = LoggerFactory.getLogger(CorruptedFrameTests.class);

	private static final int CORRUPTIONS = 8;

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension.create(FaultProfile::server);

	private final CallLedger ledger = FaultProfile.ledger();

	private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();

	private Thread.@Nullable UncaughtExceptionHandler previousHandler;

	@BeforeEach
	void recordUncaughtExceptions() {
		this.previousHandler = Thread.getDefaultUncaughtExceptionHandler();
		Thread.setDefaultUncaughtExceptionHandler((thread, ex) -> this.uncaught.add(ex));
	}

	@AfterEach
	void restoreHandler() {
		Thread.setDefaultUncaughtExceptionHandler(this.previousHandler);
	}

	@Test
	void aCorruptedFrameCostsAtMostItsOwnMessage() {
		ResourceBaseline baseline = ResourceBaseline.capture();
		Corruptions corruptions = corruptUnderLoad();
		logger.info(
				"Scenario 14 {} corrupted server-to-client frames under 100 calls/s: reconnects caller {}"
						+ " provider {}, uncaught exceptions {}; {}",
				corruptions.frames(), corruptions.callerLosses(), corruptions.providerLosses(), this.uncaught.size(),
				this.ledger.summary());
		assertThat(corruptions.frames()).isEqualTo(CORRUPTIONS);
		assertThat(this.uncaught).isEmpty();
		assertThat(corruptions.callerLosses() + corruptions.providerLosses()).isLessThanOrEqualTo(CORRUPTIONS);
		assertThat(this.ledger.outcomes()).containsKey(CallRecord.SUCCESS);
		this.ledger.assertInvariants((callId) -> callId, baseline);
	}

	private Corruptions corruptUnderLoad() {
		try (ChaosProxy proxy = ChaosProxy.inFrontOf(deepstream.server());
				ClientPair pair = ClientPair.connect(proxy.url(), this.ledger, "s14");
				CallLoad load = CallLoad.start(this.ledger, pair.caller(), ClientPair.ECHO, "s14", 100, 600,
						Duration.ofSeconds(5))) {
			Duration start = this.ledger.now();
			for (int i = 0; i < CORRUPTIONS; i++) {
				long before = proxy.framesCorrupted(Direction.SERVER_TO_CLIENT);
				proxy.corruptNextFrame(Direction.SERVER_TO_CLIENT);
				await().atMost(Duration.ofSeconds(2))
					.until(() -> proxy.framesCorrupted(Direction.SERVER_TO_CLIENT) == before + 1);
				FaultProfile.awaitMoment(this.ledger, this.ledger.now().plusMillis(300));
			}
			load.awaitFinished(Duration.ofSeconds(15));
			this.ledger.awaitAllCompleted(FaultProfile.DEADLINE.plusSeconds(1));
			assertThat(pair.isServing()).isTrue();
			return new Corruptions(proxy.framesCorrupted(Direction.SERVER_TO_CLIENT),
					pair.callerStates().times(ConnectionState.RECONNECTING, start, this.ledger.now()).size(),
					pair.providerStates().times(ConnectionState.RECONNECTING, start, this.ledger.now()).size());
		}
	}

	/**
	 * How many frames were corrupted and how many reconnects the clients made meanwhile.
	 */
	record Corruptions(long frames, int callerLosses, int providerLosses) {
	}

}
