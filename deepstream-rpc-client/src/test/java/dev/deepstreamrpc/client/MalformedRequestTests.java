package dev.deepstreamrpc.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.deepstreamrpc.test.DeepstreamServerExtension;
import dev.deepstreamrpc.test.RawPeer;
import dev.deepstreamrpc.wire.RpcAction;
import dev.deepstreamrpc.wire.proto.RpcMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider receiving requests that no well-behaved client sends, through the real
 * server, which forwards request data without checking it.
 */
class MalformedRequestTests {

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension.create();

	private final AtomicInteger invocations = new AtomicInteger();

	private DeepstreamRpcClient provider;

	private RawPeer peer;

	@BeforeEach
	void provideEcho() throws Exception {
		this.provider = DeepstreamRpcClient.builder(deepstream.url()).build();
		this.provider.connect().join();
		this.provider.provide("echo/raw", (request, response) -> {
			this.invocations.incrementAndGet();
			response.send(request.data().as(Object.class));
		}).join();
		this.peer = RawPeer.loggedIn(deepstream.url(), "{}");
	}

	@AfterEach
	void close() {
		this.peer.close();
		this.provider.close();
	}

	@Test
	void requestWhoseDataIsNotJsonIsAnsweredWithAGenericErrorWithoutInvokingTheHandler() throws Exception {
		this.peer.send(request("bad-1", "this is not JSON"));
		RpcMessage error = answer(RpcAction.REQUEST_ERROR);
		assertThat(error.getCorrelationId()).isEqualTo("bad-1");
		assertThat(error.getData()).isEqualTo("\"INVALID_ARGUMENT\"");
		assertThat(this.invocations).hasValue(0);
	}

	@Test
	void providerKeepsServingAfterMalformedRequests() throws Exception {
		this.peer.send(request("bad-2", "{\"unterminated\":"));
		this.peer.send(RpcMessage.newBuilder().setAction(77).setName("echo/raw").setCorrelationId("odd-1").build());
		answer(RpcAction.REQUEST_ERROR);
		this.peer.send(request("good-1", "{\"ok\":true}"));
		RpcMessage response = answer(RpcAction.RESPONSE);
		assertThat(response.getCorrelationId()).isEqualTo("good-1");
		assertThat(response.getData()).isEqualTo("{\"ok\":true}");
		assertThat(this.invocations).hasValue(1);
	}

	@Test
	void textFramesAndBadRequestsAreAnsweredQuicklyAndCostNothingElse() throws Exception {
		this.peer.send(request("warm-up", "1"));
		answer(RpcAction.RESPONSE);
		List<Duration> badAnswered = new ArrayList<>();
		List<Duration> goodAnswered = new ArrayList<>();
		try (RawPeer textSender = RawPeer.loggedIn(deepstream.url(), "{}")) {
			textSender.sendText("{\"topic\":\"R\",\"action\":\"REQUEST\",\"name\":\"echo/raw\"}");
			for (int i = 0; i < 5; i++) {
				long start = System.nanoTime();
				this.peer.send(request("bad-" + i, "{\"a\":"));
				assertThat(answer(RpcAction.REQUEST_ERROR).getCorrelationId()).isEqualTo("bad-" + i);
				badAnswered.add(Duration.ofNanos(System.nanoTime() - start));
				start = System.nanoTime();
				this.peer.send(request("good-" + i, "[1,2]"));
				assertThat(answer(RpcAction.RESPONSE).getCorrelationId()).isEqualTo("good-" + i);
				goodAnswered.add(Duration.ofNanos(System.nanoTime() - start));
			}
		}
		// Medians, so that one pause of a busy machine does not decide the result
		assertThat(median(badAnswered)).isLessThan(Duration.ofMillis(100));
		assertThat(median(goodAnswered)).isLessThan(Duration.ofMillis(100));
		assertThat(this.invocations).hasValue(6);
	}

	private static Duration median(List<Duration> durations) {
		return durations.stream().sorted().toList().get(durations.size() / 2);
	}

	private RpcMessage answer(RpcAction action) throws InterruptedException {
		while (true) {
			RpcMessage message = this.peer.skipTo(RpcMessage.class, Duration.ofSeconds(5));
			if (message.getAction() == action.code()) {
				return message;
			}
		}
	}

	private static RpcMessage request(String correlationId, String data) {
		return RpcMessage.newBuilder()
			.setAction(RpcAction.REQUEST.code())
			.setName("echo/raw")
			.setCorrelationId(correlationId)
			.setDataBytes(com.google.protobuf.ByteString.copyFrom(data, StandardCharsets.UTF_8))
			.build();
	}

}
