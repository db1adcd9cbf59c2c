package dev.deepstreamrpc.sample;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import dev.deepstreamrpc.test.JsBehaviour;
import dev.deepstreamrpc.test.JsClient;
import dev.deepstreamrpc.test.JsResult;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.IntNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's scenarios over HTTP and from the official JavaScript client; subclasses
 * say which deepstream server the application runs against. Each subclass's context is
 * closed with its class, because its server stops then.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.task.duration=5s")
@DirtiesContext
abstract class SampleApplicationScenarios {

	private static final ParameterizedTypeReference<Map<String, Integer>> VOTE_RESULTS = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	private int port;

	@Autowired
	private JsonMapper json;

	@Autowired
	private MeterRegistry meters;

	private RestTestClient http;

	/**
	 * Starts the official JavaScript client, logged in to the server the application
	 * uses.
	 * @return the client
	 */
	abstract JsClient startJsClient();

	@BeforeEach
	void createHttpClient() {
		this.http = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void addsTwoNumbers() {
		this.http.get().uri("/add?a=7&b=13").exchange().expectStatus().isOk().expectBody(Integer.class).isEqualTo(20);
	}

	@Test
	void countsOneVotePerUser() {
		String user = "user-" + UUID.randomUUID();
		String option = "option-" + UUID.randomUUID();
		postJson("/votes", Map.of("user", user, "option", option)).expectStatus()
			.isOk()
			.expectBody(VOTE_RESULTS)
			.value((results) -> assertThat(results).containsEntry(option, 1));
		postJson("/votes", Map.of("user", user, "option", "another")).expectStatus()
			.isEqualTo(HttpStatus.BAD_GATEWAY)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.json("""
					{"status": 502, "title": "Bad Gateway", "detail": "You can only vote once",
					 "error": "You can only vote once", "outcome": "REMOTE"}""");
		this.http.get()
			.uri("/votes")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(VOTE_RESULTS)
			.value((results) -> assertThat(results).containsEntry(option, 1).doesNotContainKey("another"));
	}

	@Test
	void voteThatFailsValidationIsABadRequest() {
		postJson("/votes", Map.of("user", "user-" + UUID.randomUUID(), "option", " ")).expectStatus()
			.isBadRequest()
			.expectBody()
			.json("""
					{"status": 400, "detail": "INVALID_ARGUMENT: option must not be blank"}""");
	}

	@Test
	void searchesTheCatalogueByNameAndCategory() {
		this.http.get()
			.uri("/products?text=realtime")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[*].sku")
			.isEqualTo(List.of("BK-002", "MG-001"));
		this.http.get()
			.uri("/products?text=realtime&category=office")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("""
					[{"sku": "MG-001", "name": "Realtime Coffee Mug", "category": "office", "price": 9.90}]""");
	}

	@Test
	void searchInAnUnknownCategoryIsAProviderErrorWithTheAdvisedValue() {
		this.http.get()
			.uri("/products?category=spaceships")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.BAD_GATEWAY)
			.expectBody()
			.json("""
					{"status": 502, "error": {"code": "UNKNOWN_CATEGORY", "category": "spaceships"}}""");
	}

	@Test
	void genericEndpointPassesJsonToAnyRpcAndBack() {
		postJson("/rpc/add-two-numbers", Map.of("numA", 1, "numB", 2)).expectStatus().isOk().expectBody().json("3");
		this.http.post()
			.uri("/rpc/search-products")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(7);
	}

	@Test
	void unknownRpcIsServiceUnavailable() {
		postJson("/rpc/no-such-rpc", Map.of()).expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.json("""
					{"status": 503, "title": "Service Unavailable",
					 "detail": "No provider is available for RPC 'no-such-rpc'", "outcome": "NOT_SENT"}""");
	}

	@Test
	void dataTheProviderCannotBindIsABadRequest() {
		postJson("/rpc/add-two-numbers", Map.of("numA", "seven", "numB", 1)).expectStatus()
			.isBadRequest()
			.expectBody()
			.json("""
					{"status": 400, "detail": "INVALID_ARGUMENT", "error": "INVALID_ARGUMENT", "outcome": "REMOTE"}""");
	}

	@Test
	void unreadableBodyIsABadRequest() {
		this.http.post()
			.uri("/rpc/add-two-numbers")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"numA\":")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.json("""
					{"status": 400, "title": "Bad Request"}""");
	}

	@Test
	void resizesAnImageAfterAcknowledgingIt() {
		postJson("/rpc/resize-image", Map.of("url", "https://example.com/cat.png", "width", 100, "height", 80))
			.expectStatus()
			.isOk()
			.expectBody()
			.json("""
					{"url": "https://example.com/cat.png?w=100&h=80", "width": 100, "height": 80}""");
	}

	@Test
	void tasksBeyondTheConcurrencyLimitAreReroutedToAnotherProvider() {
		ExecutorService callers = Executors.newFixedThreadPool(60);
		try (JsClient js = startJsClient()) {
			List<CompletableFuture<JsonNode>> admitted = runTasks(0, 50, callers);
			await().until(() -> this.meters.get("sample.tasks.running").gauge().value() == 50);
			js.provide("task", JsBehaviour.echo());
			List<JsonNode> rerouted = runTasks(50, 60, callers).stream().map(CompletableFuture::join).toList();
			assertThat(rerouted).allSatisfy((result) -> assertThat(result.has("completedBy")).isFalse());
			assertThat(js.requests("task")).hasSize(10);
			assertThat(admitted.stream().map(CompletableFuture::join))
				.allSatisfy((result) -> assertThat(result.path("completedBy").asString()).isEqualTo("sample-app"));
		}
		finally {
			callers.shutdownNow();
		}
	}

	@Test
	void javaScriptClientCallsTheSampleProviders() {
		try (JsClient js = startJsClient()) {
			JsResult sum = js.make("add-two-numbers", this.json.valueToTree(Map.of("numA", 7, "numB", 13))).join();
			assertThat(sum.value()).contains(IntNode.valueOf(20));
			JsonNode vote = this.json.valueToTree(Map.of("user", "js-" + UUID.randomUUID(), "option", "javascript"));
			assertThat(js.make("count-vote", vote).join().isSuccess()).isTrue();
			assertThat(js.make("count-vote", vote).join().errorText()).isEqualTo("You can only vote once");
			JsResult office = js.make("search-products", this.json.valueToTree(Map.of("category", "office"))).join();
			assertThat(office.value()).hasValueSatisfying((products) -> assertThat(products.size()).isEqualTo(2));
		}
	}

	@Test
	void genericEndpointCallsAJavaScriptProvider() {
		try (JsClient js = startJsClient()) {
			js.provide("js-sum", JsBehaviour.sum());
			postJson("/rpc/js-sum", Map.of("numA", 7, "numB", 13)).expectStatus().isOk().expectBody().json("20");
		}
	}

	@Test
	void providerThatNeverAcknowledgesIsAGatewayTimeout() {
		try (JsClient js = startJsClient()) {
			js.provide("js-stuck", JsBehaviour.noAutoAck());
			postJson("/rpc/js-stuck", Map.of()).expectStatus()
				.isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
				.expectBody()
				.json("""
						{"status": 504, "title": "Gateway Timeout", "phase": "ACCEPT", "outcome": "UNKNOWN"}""");
		}
	}

	@Test
	void actuatorReportsHealthAndInfo() {
		this.http.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody().json("""
				{"status": "UP", "components": {"deepstream": {"status": "UP", "details": {"state": "OPEN",
				 "providers": {"add-two-numbers": "REGISTERED", "count-vote": "REGISTERED"}}}}}""");
		this.http.get().uri("/actuator/info").exchange().expectStatus().isOk().expectBody().jsonPath("$.app").exists();
	}

	@Test
	void actuatorShowsTheRpcMetricsAfterAFewCalls() {
		for (int i = 0; i < 3; i++) {
			this.http.get().uri("/add?a=" + i + "&b=1").exchange().expectStatus().isOk();
		}
		this.http.get()
			.uri("/actuator/metrics")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.value((metrics) -> assertThat(metrics.path("names").valueStream().map(JsonNode::asString))
				.contains("deepstream.rpc.client.calls", "deepstream.rpc.provider.invocations"));
		this.http.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((scrape) -> assertThat(scrape.lines())
				.anyMatch((line) -> line.startsWith("deepstream_rpc_client_calls_seconds_count")
						&& line.contains("outcome=\"SUCCESS\"") && line.contains("rpc_name=\"add-two-numbers\""))
				.anyMatch((line) -> line.startsWith("deepstream_rpc_provider_invocations_seconds_count")
						&& line.contains("rpc_name=\"add-two-numbers\"")));
	}

	private List<CompletableFuture<JsonNode>> runTasks(int from, int to, ExecutorService callers) {
		return IntStream.range(from, to)
			.mapToObj((i) -> CompletableFuture.supplyAsync(() -> runTask("task-" + i), callers))
			.toList();
	}

	private JsonNode runTask(String id) {
		return postJson("/rpc/task", Map.of("id", id)).expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	private RestTestClient.ResponseSpec postJson(String uri, Object body) {
		return this.http.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(body).exchange();
	}

}
