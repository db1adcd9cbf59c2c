package dev.deepstreamrpc.client.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.deepstreamrpc.client.connection.ConnectionState;
import dev.deepstreamrpc.test.CallLedger;
import dev.deepstreamrpc.test.CallRecord;
import dev.deepstreamrpc.test.ChaosProxy;
import dev.deepstreamrpc.test.DeepstreamServerExtension;
import dev.deepstreamrpc.test.ResourceBaseline;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every connection reset through the {@link ChaosProxy} again and again under load
 * (scenario 5 of the reliability notes), with the provider and the caller both behind the
 * proxy so that each reset costs a reconnect and a re-registration. The notes reset every
 * 5 s; here it is every {@link #INTERVAL}, still far above the time a reconnect takes, so
 * that the six resets fit the CI budget.
 */
@Tag("fault")
@Timeout(120)
class ConnectionResetTests {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionResetTests.class);

	private static final int RESETS = 6;

	private static final Duration INTERVAL = Duration.ofMillis(2500);

	private static final Duration REREGISTRATION = Duration.ofSeconds(1);

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension.create(FaultProfile::server);

	private final CallLedger ledger = FaultProfile.ledger();

	@Test
	void everyResetCostsExactlyOneReconnectAndProvidersAreBackWithinASecond() {
		ResourceBaseline baseline = ResourceBaseline.capture();
		Resets resets = resetUnderLoad();
		Duration start = resets.resetAts().get(0);
		List<Duration> callerReconnects = resets.caller().times(ConnectionState.OPEN, start, this.ledger.now());
		List<Duration> providerReconnects = resets.provider().times(ConnectionState.OPEN, start, this.ledger.now());
		List<Duration> callerLosses = resets.caller().times(ConnectionState.RECONNECTING, start, this.ledger.now());
		List<Duration> providerLosses = resets.provider().times(ConnectionState.RECONNECTING, start, this.ledger.now());
		List<Long> lossMillis = new ArrayList<>();
		List<Long> reopenMillis = new ArrayList<>();
		List<Long> reregisteredMillis = new ArrayList<>();
		for (Duration resetAt : resets.resetAts()) {
			Duration providerOpen = resets.provider().first(ConnectionState.OPEN, resetAt).orElseThrow();
			Duration registered = resets.registrations().registeredAfter(resetAt).orElseThrow();
			lossMillis.add(resets.caller().firstLoss(resetAt).orElseThrow().minus(resetAt).toMillis());
			reopenMillis.add(providerOpen.minus(resetAt).toMillis());
			reregisteredMillis.add(registered.minus(resetAt).toMillis());
		}
		List<CallRecord> inFlight = new ArrayList<>();
		resets.resetAts().forEach((resetAt) -> inFlight.addAll(CallRecords.inFlightAt(this.ledger.calls(), resetAt)));
		logger.info("Scenario 5 resetAll() x{} every {} ms under 150 calls/s: reconnects caller {} provider {}, losses"
				+ " caller {} provider {}; loss seen after {} ms, provider OPEN after {} ms, re-registered after {} ms"
				+ " (limit {} ms); {} calls in flight at the resets {}; proxy accepted {} connections; total {}",
				RESETS, INTERVAL.toMillis(), callerReconnects.size(), providerReconnects.size(), callerLosses.size(),
				providerLosses.size(), lossMillis, reopenMillis, reregisteredMillis, REREGISTRATION.toMillis(),
				inFlight.size(), CallRecords.outcomes(inFlight), resets.connectionsAccepted(), this.ledger.summary());
		assertThat(callerReconnects).hasSize(RESETS);
		assertThat(providerReconnects).hasSize(RESETS);
		assertThat(callerLosses).hasSize(RESETS);
		assertThat(providerLosses).hasSize(RESETS);
		assertThat(reregisteredMillis).allSatisfy((millis) -> assertThat(millis).isLessThanOrEqualTo(1000));
		assertThat(resets.connectionsAccepted()).isEqualTo(2 * (RESETS + 1));
		assertThat(inFlight).isNotEmpty();
		this.ledger.assertInvariants((callId) -> callId, baseline);
	}

	private Resets resetUnderLoad() {
		try (ChaosProxy proxy = ChaosProxy.inFrontOf(deepstream.server());
				ClientPair pair = ClientPair.connect(proxy.url(), this.ledger, "s5");
				CallLoad load = CallLoad.start(this.ledger, pair.caller(), ClientPair.ECHO, "s5", 150, 3000,
						INTERVAL.multipliedBy(RESETS + 1))) {
			Duration first = this.ledger.now().plus(INTERVAL);
			List<Duration> resetAts = new ArrayList<>();
			for (int i = 0; i < RESETS; i++) {
				FaultProfile.awaitMoment(this.ledger, first.plus(INTERVAL.multipliedBy(i)));
				assertThat(pair.isServing()).as("serving before reset %d", i + 1).isTrue();
				resetAts.add(this.ledger.now());
				proxy.resetAll();
			}
			pair.awaitServing(Duration.ofSeconds(5));
			load.awaitFinished(Duration.ofSeconds(15));
			this.ledger.awaitAllCompleted(FaultProfile.DEADLINE.plusSeconds(1));
			return new Resets(resetAts, pair.callerStates(), pair.providerStates(), pair.registrations(),
					proxy.connectionsAccepted());
		}
	}

	/**
	 * When each reset happened and what the clients recorded of them.
	 */
	record Resets(List<Duration> resetAts, StateRecorder caller, StateRecorder provider,
			RegistrationRecorder registrations, long connectionsAccepted) {
	}

}
