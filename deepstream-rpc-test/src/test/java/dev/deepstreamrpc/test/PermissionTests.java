package dev.deepstreamrpc.test;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@Timeout(30)
class PermissionTests {

	private static final String PERMISSIONS = """
			rpc:
			  "*":
			    provide: true
			    request: true
			  "noprovide/*":
			    provide: false
			    request: true
			""";

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension
		.create((server) -> server.permissionsYaml(PERMISSIONS)
			.rpcPermission("denied/*", true, false)
			.rpcPermission("checked/*", "true", "data.amount < 100"));

	private static JsClient client;

	@BeforeAll
	static void startClient() {
		client = JsClient.start(deepstream.server(), Map.of());
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@Test
	void deniedProvideFailsWithMessageDenied() {
		assertThatExceptionOfType(JsClientException.class)
			.isThrownBy(() -> client.provide("noprovide/x", JsBehaviour.echo()))
			.withMessageContaining("MESSAGE_DENIED");
	}

	@Test
	void deniedRequestFailsWithMessageDenied() {
		client.provide("denied/x", JsBehaviour.echo());
		assertThat(client.make("denied/x").join().errorText()).isEqualTo("MESSAGE_DENIED");
	}

	@Test
	void ruleExpressionSeesRequestData() {
		client.provide("checked/pay", JsBehaviour.echo());
		JsonNodeFactory json = JsonNodeFactory.instance;
		assertThat(client.make("checked/pay", json.objectNode().put("amount", 5)).join().isSuccess()).isTrue();
		assertThat(client.make("checked/pay", json.objectNode().put("amount", 500)).join().errorText())
			.isEqualTo("MESSAGE_DENIED");
	}

}
