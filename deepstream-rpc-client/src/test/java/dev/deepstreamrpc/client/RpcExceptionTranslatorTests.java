package dev.deepstreamrpc.client;

import java.util.Arrays;

import dev.deepstreamrpc.wire.RpcAction;
import dev.deepstreamrpc.wire.proto.RpcMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RpcExceptionTranslatorTests {

	private final RpcExceptionTranslator translator = new RpcExceptionTranslator(new JacksonPayloadCodec());

	@Test
	void mapsEveryErrorActionOfTheProtocol() {
		Arrays.stream(RpcAction.values()).filter(RpcAction::isError).forEach((action) -> {
			DeepstreamRpcException exception = translate(action, RpcAction.REQUEST);
			assertThat(exception.getMessage()).as(action.name()).contains("'math/add'");
			assertThat(exception).as(action.name()).isInstanceOf(expectedType(action));
		});
	}

	@Test
	void noProviderWasNotSent() {
		assertThat(translate(RpcAction.NO_RPC_PROVIDER, RpcAction.REQUEST).outcome())
			.isEqualTo(DeepstreamRpcException.Outcome.NOT_SENT);
	}

	@Test
	void serverTimeoutsTellTheirPhaseAndLeaveTheOutcomeUnknown() {
		RpcTimeoutException accept = (RpcTimeoutException) translate(RpcAction.ACCEPT_TIMEOUT, RpcAction.REQUEST);
		RpcTimeoutException response = (RpcTimeoutException) translate(RpcAction.RESPONSE_TIMEOUT, RpcAction.REQUEST);
		assertThat(accept.phase()).isEqualTo(RpcTimeoutException.Phase.ACCEPT);
		assertThat(response.phase()).isEqualTo(RpcTimeoutException.Phase.RESPONSE);
		assertThat(accept.reportedByServer()).isTrue();
		assertThat(response.outcome()).isEqualTo(DeepstreamRpcException.Outcome.UNKNOWN);
	}

	@Test
	void remoteErrorCarriesTheProvidersMessage() {
		RpcMessage error = message(RpcAction.REQUEST_ERROR, RpcAction.UNKNOWN).toBuilder()
			.setData("\"You can only vote once\"")
			.build();
		RpcRemoteException exception = (RpcRemoteException) this.translator.translate(error);
		assertThat(exception.getMessage()).isEqualTo("RPC 'math/add' failed: You can only vote once");
		assertThat(exception.error().as(String.class)).isEqualTo("You can only vote once");
		assertThat(exception.outcome()).isEqualTo(DeepstreamRpcException.Outcome.REMOTE);
	}

	@Test
	void remoteErrorKeepsAStructuredErrorValue() {
		RpcMessage error = message(RpcAction.REQUEST_ERROR, RpcAction.UNKNOWN).toBuilder()
			.setData("{\"code\":42}")
			.build();
		RpcRemoteException exception = (RpcRemoteException) this.translator.translate(error);
		assertThat(exception.getMessage()).endsWith("{\"code\":42}");
	}

	@Test
	void deniedProvideIsTold() {
		assertThat(translate(RpcAction.MESSAGE_DENIED, RpcAction.PROVIDE).getMessage())
			.isEqualTo("Permission denied to provide RPC 'math/add'");
		assertThat(translate(RpcAction.MESSAGE_DENIED, RpcAction.REQUEST).getMessage())
			.isEqualTo("Permission denied to make RPC 'math/add'");
	}

	private static Class<?> expectedType(RpcAction action) {
		return switch (action) {
			case NO_RPC_PROVIDER -> RpcNoProviderException.class;
			case ACCEPT_TIMEOUT, RESPONSE_TIMEOUT -> RpcTimeoutException.class;
			case MESSAGE_DENIED, MESSAGE_PERMISSION_ERROR -> RpcPermissionDeniedException.class;
			default -> DeepstreamRpcException.class;
		};
	}

	private DeepstreamRpcException translate(RpcAction action, RpcAction originalAction) {
		return this.translator.translate(message(action, originalAction));
	}

	private static RpcMessage message(RpcAction action, RpcAction originalAction) {
		return RpcMessage.newBuilder()
			.setAction(action.code())
			.setName("math/add")
			.setCorrelationId("c-1")
			.setOriginalAction(originalAction.code())
			.build();
	}

}
