package dev.deepstreamrpc.spring.observation;

import java.util.concurrent.CompletionException;

import dev.deepstreamrpc.client.DeepstreamRpcException;
import dev.deepstreamrpc.client.RpcAuthenticationException;
import dev.deepstreamrpc.client.RpcBackpressureException;
import dev.deepstreamrpc.client.RpcClientClosedException;
import dev.deepstreamrpc.client.RpcConnectionLostException;
import dev.deepstreamrpc.client.RpcTimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outcomes of failures the integration tests cannot provoke on demand, and of
 * failures wrapped by futures.
 */
class RpcCallOutcomeTests {

	@Test
	void failureWrappedByAFutureIsUnwrapped() {
		assertThat(RpcCallOutcome.of(new CompletionException(new RpcConnectionLostException("lost"))))
			.isEqualTo(RpcCallOutcome.CONNECTION_LOST);
	}

	@Test
	void timeoutOfTheCallersDeadlineKeepsItsPhase() {
		assertThat(RpcCallOutcome.of(new RpcTimeoutException("late", RpcTimeoutException.Phase.RESPONSE, false)))
			.isEqualTo(RpcCallOutcome.RESPONSE_TIMEOUT);
		assertThat(RpcCallOutcome.of(new RpcTimeoutException("late", RpcTimeoutException.Phase.ACCEPT, false)))
			.isEqualTo(RpcCallOutcome.ACCEPT_TIMEOUT);
	}

	@Test
	void callThatCouldNotBeSentForWantOfASessionIsNotConnected() {
		assertThat(RpcCallOutcome.of(new RpcAuthenticationException("refused", new IllegalStateException())))
			.isEqualTo(RpcCallOutcome.NOT_CONNECTED);
		assertThat(RpcCallOutcome.of(new RpcClientClosedException("closed"))).isEqualTo(RpcCallOutcome.NOT_CONNECTED);
	}

	@Test
	void otherFailuresHaveTheirOwnOutcomeOrUnknown() {
		assertThat(RpcCallOutcome.of(new RpcBackpressureException("full"))).isEqualTo(RpcCallOutcome.BACKPRESSURE);
		assertThat(RpcCallOutcome.of(new DeepstreamRpcException("odd", DeepstreamRpcException.Outcome.UNKNOWN)))
			.isEqualTo(RpcCallOutcome.UNKNOWN);
		assertThat(RpcCallOutcome.of(null)).isEqualTo(RpcCallOutcome.SUCCESS);
	}

}
