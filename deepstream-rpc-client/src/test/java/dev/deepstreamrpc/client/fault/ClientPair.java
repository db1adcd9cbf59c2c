package dev.deepstreamrpc.client.fault;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.DeepstreamRpcClientBuilder;
import dev.deepstreamrpc.client.ProviderState;
import dev.deepstreamrpc.client.connection.ConnectionState;
import dev.deepstreamrpc.test.CallLedger;

import static org.awaitility.Awaitility.await;

/**
 * A provider of an echoing RPC and a caller, both with the fault profile's settings and
 * connected to the same URL, with their connection states and the provider's
 * registrations recorded on the ledger's timeline; the setup every network fault scenario
 * shares.
 * <p>
 * The echo handler reports each execution to the ledger and answers with the call id it
 * received after {@link #ANSWER_DELAY}, so that calls are in flight whenever a fault
 * strikes and the expected result of every call is its own id. A handshake swallowed by a
 * blackhole or a frozen peer ends only at the connect timeout, so the pair uses
 * {@link #CONNECT_TIMEOUT} rather than the default of 10 s.
 * <p>
 * Thread-safe to read; {@link #close()} closes both clients, the recorder, the provider's
 * executor and the one thread that sends the delayed answers.
 */
final class ClientPair implements AutoCloseable {

	static final String ECHO = "fault/echo";

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	static final Duration ANSWER_DELAY = Duration.ofMillis(100);

	private final ThreadPoolExecutor providerThreads;

	private final ScheduledExecutorService answers;

	private final DeepstreamRpcClient provider;

	private final DeepstreamRpcClient caller;

	private final StateRecorder providerStates;

	private final StateRecorder callerStates;

	private final RegistrationRecorder registrations;

	private ClientPair(URI url, CallLedger ledger, String name) {
		this.providerThreads = FaultProfile.providerExecutor(name + "-provider");
		this.answers = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, name + "-answers");
			thread.setDaemon(true);
			return thread;
		});
		this.providerStates = new StateRecorder(ledger::now);
		this.callerStates = new StateRecorder(ledger::now);
		this.provider = client(url).providerExecutor(this.providerThreads).build();
		this.caller = client(url).build();
		this.registrations = new RegistrationRecorder(this.provider, ECHO, ledger::now);
	}

	/**
	 * Connects a provider and a caller and waits until the echo RPC is registered.
	 * @param url where both connect
	 * @param ledger receives the executions and provides the timeline
	 * @param name names the provider's threads
	 * @return the connected pair
	 */
	static ClientPair connect(URI url, CallLedger ledger, String name) {
		ClientPair pair = new ClientPair(url, ledger, name);
		try {
			pair.connectRecorded(pair.provider, pair.providerStates);
			pair.connectRecorded(pair.caller, pair.callerStates);
			pair.provider.provide(ECHO, (request, response) -> {
				String callId = FaultProfile.text(request.data());
				ledger.executed(callId);
				pair.answers.schedule(() -> response.send(callId), ANSWER_DELAY.toMillis(), TimeUnit.MILLISECONDS);
			}).join();
			return pair;
		}
		catch (RuntimeException ex) {
			pair.close();
			throw ex;
		}
	}

	private static DeepstreamRpcClientBuilder client(URI url) {
		return FaultProfile.client(url).connectTimeout(CONNECT_TIMEOUT);
	}

	private void connectRecorded(DeepstreamRpcClient client, StateRecorder states) {
		client.addConnectionStateListener(states);
		client.connect().join();
	}

	DeepstreamRpcClient caller() {
		return this.caller;
	}

	DeepstreamRpcClient provider() {
		return this.provider;
	}

	StateRecorder callerStates() {
		return this.callerStates;
	}

	StateRecorder providerStates() {
		return this.providerStates;
	}

	RegistrationRecorder registrations() {
		return this.registrations;
	}

	/**
	 * Whether both clients are logged in and the echo RPC is registered.
	 * @return whether the pair can serve calls
	 */
	boolean isServing() {
		return this.caller.state() == ConnectionState.OPEN && this.provider.state() == ConnectionState.OPEN
				&& this.provider.providers().get(ECHO) == ProviderState.REGISTERED;
	}

	/**
	 * Waits until both clients are logged in and the echo RPC is registered.
	 * @param timeout how long to wait at most
	 */
	void awaitServing(Duration timeout) {
		await().atMost(timeout).pollInterval(Duration.ofMillis(5)).until(this::isServing);
	}

	@Override
	public void close() {
		this.registrations.close();
		this.caller.close();
		this.provider.close();
		this.providerThreads.shutdownNow();
		this.answers.shutdownNow();
	}

}
