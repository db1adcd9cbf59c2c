package dev.deepstreamrpc.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the server configuration as JSON plus a one-line {@code config.js} that loads
 * it.
 * <p>
 * A {@code .js} configuration is loaded by deepstream with {@code require()}, which skips
 * the text preprocessing deepstream applies to {@code .yml} and {@code .json} files (it
 * cuts every line at {@code #} and substitutes {@code ${VARIABLE}}), so passwords and
 * rules arrive exactly as given. The shipped {@code deepstream-config.cjs} reads the JSON
 * and the optional {@code permissions.yml}.
 */
final class ServerConfigWriter {

	static final String URL_PATH = "/deepstream";

	static final String HEALTH_CHECK_PATH = "/health-check";

	private final ServerSettings settings;

	ServerConfigWriter(ServerSettings settings) {
		this.settings = settings;
	}

	Path write(Path directory, int port, DeepstreamInstallation installation) throws IOException {
		Path json = directory.resolve("deepstream.json");
		Files.writeString(json, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(config(port)),
				StandardCharsets.UTF_8);
		if (this.settings.permissionsYaml() != null) {
			Files.writeString(directory.resolve("permissions.yml"), this.settings.permissionsYaml(),
					StandardCharsets.UTF_8);
		}
		Path script = directory.resolve("config.js");
		String loader = Json.MAPPER.writeValueAsString(installation.configLoader().toString());
		Files.writeString(script, "module.exports = require(" + loader + ")(__dirname);\n", StandardCharsets.UTF_8);
		return script;
	}

	ObjectNode config(int port) {
		ObjectNode config = Json.MAPPER.createObjectNode();
		ServerSettings.Cluster cluster = this.settings.cluster();
		config.put("serverName", (cluster != null) ? cluster.serverName() : "deepstream-rpc-test");
		config.put("showLogo", false);
		config.put("logLevel", this.settings.logLevel().name());
		config.put("exitOnFatalError", true);
		config.set("httpServer", httpServer(port));
		config.set("connectionEndpoints", Json.MAPPER.createArrayNode().add(binaryEndpoint()));
		config.set("logger", logger());
		config.set("rpc", rpc());
		config.set("auth", auth());
		config.set("permission", permission());
		config.set("monitoring", plugin("none"));
		config.set("telemetry",
				plugin("deepstreamIO").set("options", Json.MAPPER.createObjectNode().put("enabled", false)));
		if (cluster != null) {
			config.set("clusterNode", clusterNode(cluster));
			config.set("clusterRegistry", clusterRegistry());
		}
		return config;
	}

	private static ObjectNode clusterNode(ServerSettings.Cluster cluster) {
		ObjectNode options = Json.MAPPER.createObjectNode()
			.put("host", cluster.redisHost())
			.put("port", cluster.redisPort());
		return Json.MAPPER.createObjectNode().put("name", "redis").set("options", options);
	}

	/**
	 * Nodes announce themselves every second and count as gone after three silent seconds
	 * instead of six, so that a killed node's providers leave the other nodes' routing
	 * tables within a test's patience.
	 */
	private static ObjectNode clusterRegistry() {
		ObjectNode options = Json.MAPPER.createObjectNode()
			.put("keepAliveInterval", 1000)
			.put("activeCheckInterval", 500)
			.put("nodeInactiveTimeout", 3000);
		return plugin("default").set("options", options);
	}

	private ObjectNode logger() {
		ObjectNode options = Json.MAPPER.createObjectNode()
			.put("colors", false)
			.put("logLevel", this.settings.logLevel().name());
		return plugin("default").set("options", options);
	}

	private ObjectNode httpServer(int port) {
		ObjectNode options = Json.MAPPER.createObjectNode()
			.put("host", "127.0.0.1")
			.put("port", port)
			.put("healthCheckPath", HEALTH_CHECK_PATH)
			.put("allowAllOrigins", true)
			.put("maxMessageSize", this.settings.maxMessageSize());
		options.putArray("origins");
		options.putArray("headers");
		TestCertificate tls = this.settings.tls();
		if (tls != null) {
			options.putObject("ssl").put("key", tls.privateKeyPem()).put("cert", tls.certificatePem());
		}
		return plugin("default").set("options", options);
	}

	private ObjectNode binaryEndpoint() {
		ObjectNode options = Json.MAPPER.createObjectNode()
			.put("urlPath", URL_PATH)
			.put("heartbeatInterval", this.settings.heartbeatInterval().toMillis())
			.put("outgoingBufferTimeout", 0)
			.put("maxBufferByteSize", 100000)
			.put("unauthenticatedClientTimeout", this.settings.unauthenticatedClientTimeout().toMillis())
			.put("maxAuthAttempts", this.settings.maxAuthAttempts())
			.put("logInvalidAuthData", false)
			.put("maxMessageSize", this.settings.maxMessageSize());
		options.putArray("headers");
		return plugin("ws-binary").set("options", options);
	}

	private ObjectNode rpc() {
		return Json.MAPPER.createObjectNode()
			.put("ackTimeout", this.settings.ackTimeout().toMillis())
			.put("responseTimeout", this.settings.responseTimeout().toMillis())
			.put("provideRequestorName", this.settings.provideRequestorName())
			.put("provideRequestorData", this.settings.provideRequestorData());
	}

	private ArrayNode auth() {
		if (this.settings.users().isEmpty()) {
			ObjectNode none = plugin("none");
			none.putObject("options");
			return Json.MAPPER.createArrayNode().add(none);
		}
		ObjectNode users = Json.MAPPER.createObjectNode();
		for (DeepstreamUser user : this.settings.users()) {
			ObjectNode entry = users.putObject(user.username()).put("password", user.password());
			if (user.clientData() != null) {
				entry.set("clientData", Json.MAPPER.valueToTree(user.clientData()));
			}
			if (user.serverData() != null) {
				entry.set("serverData", Json.MAPPER.valueToTree(user.serverData()));
			}
		}
		ObjectNode file = plugin("file");
		file.putObject("options").set("users", users);
		return Json.MAPPER.createArrayNode().add(file);
	}

	private ObjectNode permission() {
		if (!this.settings.hasPermissions()) {
			ObjectNode none = plugin("none");
			none.putObject("options");
			return none;
		}
		ObjectNode rpc = Json.MAPPER.createObjectNode();
		this.settings.rpcRules().forEach((pattern, rule) -> rpc.set(pattern, rule(rule)));
		ObjectNode options = Json.MAPPER.createObjectNode()
			.put("maxRuleIterations", 3)
			.put("cacheEvacuationInterval", 60000);
		options.putObject("permissions").set("rpc", rpc);
		return plugin("config").set("options", options);
	}

	private ObjectNode rule(RpcRule rule) {
		ObjectNode node = Json.MAPPER.createObjectNode();
		node.set("provide", Json.MAPPER.valueToTree(rule.provide()));
		node.set("request", Json.MAPPER.valueToTree(rule.request()));
		return node;
	}

	private static ObjectNode plugin(String type) {
		return Json.MAPPER.createObjectNode().put("type", type);
	}

}
