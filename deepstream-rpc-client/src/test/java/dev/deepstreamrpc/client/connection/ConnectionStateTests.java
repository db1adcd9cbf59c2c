package dev.deepstreamrpc.client.connection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionStateTests {

	@Test
	void everyStateButClosedCanBeClosed() {
		for (ConnectionState state : ConnectionState.values()) {
			assertThat(state.canMoveTo(ConnectionState.CLOSED)).isEqualTo(state != ConnectionState.CLOSED);
		}
	}

	@Test
	void onlyALoginOpensTheConnection() {
		for (ConnectionState state : ConnectionState.values()) {
			assertThat(state.canMoveTo(ConnectionState.OPEN)).isEqualTo(state == ConnectionState.AUTHENTICATING);
		}
	}

	@Test
	void closedIsFinal() {
		for (ConnectionState state : ConnectionState.values()) {
			assertThat(ConnectionState.CLOSED.canMoveTo(state)).isFalse();
		}
	}

	@Test
	void reconnectingLeadsOnlyToANewAttempt() {
		assertThat(ConnectionState.RECONNECTING.canMoveTo(ConnectionState.CONNECTING)).isTrue();
		assertThat(ConnectionState.RECONNECTING.canMoveTo(ConnectionState.OPEN)).isFalse();
		assertThat(ConnectionState.AUTHENTICATION_FAILED.canMoveTo(ConnectionState.CONNECTING)).isTrue();
	}

}
