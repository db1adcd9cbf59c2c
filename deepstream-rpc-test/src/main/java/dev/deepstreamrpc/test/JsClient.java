package dev.deepstreamrpc.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The official deepstream JS client 7.0.5 in a Node child process, remote-controlled from
 * a test, so that the Java client is checked against the reference implementation as
 * provider and as requestor.
 * <p>
 * The JS client is created with {@code subscriptionInterval: 0} unless the options say
 * otherwise, so every {@code provide} goes out at once as a single-name PROVIDE (avoiding
 * the server's multi-name PROVIDE bug). The JS client API offers no provide
 * acknowledgement; this class observes the server's ack inside the JS client, so
 * {@link #provide} returns once the server routes requests to the provider. The process's
 * stderr goes to {@link #logFile()}.
 * <p>
 * Thread-safe: commands may be issued from any thread. Requests, errors and the
 * connection state are recorded by the process's reader thread; the request and error
 * lists grow for the client's lifetime. {@link #make} futures complete on that reader
 * thread, so dependent stages must not block.
 */
public final class JsClient implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(JsClient.class);

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);

	private final Path directory;

	private final Queue<JsRequest> requests = new ConcurrentLinkedQueue<>();

	private final Queue<String> errors = new ConcurrentLinkedQueue<>();

	private volatile String connectionState = "CLOSED";

	private final JsPeer peer;

	private volatile @Nullable JsonNode clientData;

	private JsClient(DeepstreamInstallation installation, Path directory) {
		this.directory = directory;
		this.peer = JsPeer.start(installation, logFile(), this::onEvent);
	}

	/**
	 * Starts a JS client connected to the server and logs in. The client's
	 * {@code heartbeatInterval} is the server's, so a server with a short heartbeat does
	 * not drop it.
	 * @param server the running server
	 * @param authData the login data, e.g. {@code {username, password}} or empty for open
	 * auth
	 * @return the logged-in client
	 * @throws JsClientException if the login is refused or does not complete in 20 s
	 */
	public static JsClient start(DeepstreamServer server, Map<String, ?> authData) {
		return start(server, authData, Map.of());
	}

	/**
	 * Starts a JS client connected to the server with client options and logs in; the
	 * {@code heartbeatInterval} defaults to the server's.
	 * @param server the running server
	 * @param authData the login data
	 * @param options options for {@code new DeepstreamClient(url, options)}
	 * @return the logged-in client
	 * @throws JsClientException if the login is refused or does not complete in 20 s
	 */
	public static JsClient start(DeepstreamServer server, Map<String, ?> authData, Map<String, ?> options) {
		Map<String, Object> merged = new LinkedHashMap<>();
		merged.put("heartbeatInterval", server.heartbeatInterval().toMillis());
		merged.putAll(options);
		return start(server.installation(), server.url(), authData, merged);
	}

	/**
	 * Starts a JS client and logs in.
	 * @param installation the installation to run the client from
	 * @param url the server's WebSocket URL
	 * @param authData the login data
	 * @return the logged-in client
	 * @throws JsClientException if the login is refused or does not complete in 20 s
	 */
	public static JsClient start(DeepstreamInstallation installation, URI url, Map<String, ?> authData) {
		return start(installation, url, authData, Map.of());
	}

	/**
	 * Starts a JS client with client options (such as {@code heartbeatInterval} or
	 * {@code reconnectIntervalIncrement}) and logs in.
	 * @param installation the installation to run the client from
	 * @param url the server's WebSocket URL
	 * @param authData the login data
	 * @param options options for {@code new DeepstreamClient(url, options)}
	 * @return the logged-in client
	 * @throws JsClientException if the login is refused or does not complete in 20 s
	 */
	public static JsClient start(DeepstreamInstallation installation, URI url, Map<String, ?> authData,
			Map<String, ?> options) {
		JsClient client = new JsClient(installation, createDirectory());
		try {
			client.login(url, authData, options);
			return client;
		}
		catch (RuntimeException ex) {
			client.close();
			throw ex;
		}
	}

	private static Path createDirectory() {
		try {
			return Files.createTempDirectory("deepstream-rpc-js-client-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void login(URI url, Map<String, ?> authData, Map<String, ?> options) {
		ObjectNode command = command("login").put("url", url.toString());
		command.set("authData", Json.MAPPER.valueToTree(authData));
		command.set("options", Json.MAPPER.valueToTree(options));
		ObjectNode reply = await(this.peer.call(command), "login to " + url);
		if (!reply.path("ok").asBoolean()) {
			throw new JsClientException("login to " + url + " refused: " + reply.get("error"));
		}
		this.clientData = reply.get("value");
	}

	/**
	 * Provides an RPC and waits until the server acknowledged the PROVIDE.
	 * @param name the RPC name
	 * @param behaviour what the provider does with each request
	 * @throws JsClientException if the name is already provided here, the server denied
	 * it ({@code MESSAGE_DENIED}) or no acknowledgement arrived in 10 s
	 */
	public void provide(String name, JsBehaviour behaviour) {
		ObjectNode command = command("provide").put("name", name);
		command.set("behaviour", Json.MAPPER.valueToTree(behaviour.spec()));
		expectOk(command, "provide " + name);
	}

	/**
	 * Stops providing an RPC and waits until the server acknowledged the UNPROVIDE; does
	 * nothing if the name is not provided here.
	 * @param name the RPC name
	 */
	public void unprovide(String name) {
		expectOk(command("unprovide").put("name", name), "unprovide " + name);
	}

	/**
	 * Calls {@code client.rpc.make(name)} without data, so the provider sees
	 * {@code undefined}.
	 * @param name the RPC name
	 * @return the settled promise; completed exceptionally with {@link JsClientException}
	 * only if the process ends
	 */
	public CompletableFuture<JsResult> make(String name) {
		return make(name, null);
	}

	/**
	 * Calls {@code client.rpc.make(name, data)}.
	 * @param name the RPC name
	 * @param data the data, or {@code null} to send none ({@code undefined}); send JSON
	 * null as a {@code NullNode}
	 * @return the settled promise; completed exceptionally with {@link JsClientException}
	 * only if the process ends
	 */
	public CompletableFuture<JsResult> make(String name, @Nullable JsonNode data) {
		ObjectNode command = command("make").put("name", name);
		if (data != null) {
			command.set("data", data);
		}
		return this.peer.call(command).thenApply(JsClient::toResult);
	}

	private static JsResult toResult(ObjectNode reply) {
		if (reply.path("ok").asBoolean()) {
			return JsResult.success(reply.get("value"));
		}
		return JsResult.failure(Objects.requireNonNull(reply.get("error"), "error"));
	}

	/**
	 * Returns the client data the server sent on login.
	 * @return the client data; empty with open authentication
	 */
	public Optional<JsonNode> clientData() {
		return Optional.ofNullable(this.clientData);
	}

	/**
	 * Returns the requests this client's providers received, oldest first.
	 * @return a snapshot of the received requests
	 */
	public List<JsRequest> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * Returns the requests received for one RPC name, oldest first.
	 * @param name the RPC name
	 * @return a snapshot of the received requests
	 */
	public List<JsRequest> requests(String name) {
		return this.requests.stream().filter((request) -> request.name().equals(name)).toList();
	}

	/**
	 * Returns the errors the JS client reported through its {@code error} event (such as
	 * {@code UNKNOWN_CORRELATION_ID}) and uncaught exceptions in the process.
	 * @return a snapshot of the errors, oldest first
	 */
	public List<String> errors() {
		return List.copyOf(this.errors);
	}

	/**
	 * Returns the JS client's last connection state, e.g. {@code OPEN} or
	 * {@code RECONNECTING}.
	 * @return the connection state
	 */
	public String connectionState() {
		return this.connectionState;
	}

	/**
	 * Returns the file that receives the process's stderr, including the JS client's
	 * logs.
	 * @return the log file
	 */
	public Path logFile() {
		return this.directory.resolve("js-client.log");
	}

	/**
	 * Closes the JS client, ends the process and deletes the log.
	 */
	@Override
	public void close() {
		try {
			this.peer.call(command("close")).get(2, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.debug("JS client did not close cleanly", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.peer.close();
			TempFiles.deleteRecursively(this.directory);
		}
	}

	/**
	 * Kills the process with SIGKILL, so the server sees the connection drop without a
	 * close.
	 */
	public void kill() {
		this.peer.kill();
	}

	private void onEvent(ObjectNode event) {
		switch (event.path("event").asString()) {
			case "state" -> this.connectionState = event.path("state").asString();
			case "request" -> this.requests.add(toRequest(event));
			case "error" -> this.errors.add(event.path("kind").asString() + ": " + event.path("error").asString());
			case "uncaught" -> this.errors.add("uncaught: " + event.path("message").asString());
			default -> logger.debug("unknown JS client event {}", event);
		}
	}

	private static JsRequest toRequest(ObjectNode event) {
		return new JsRequest(event.path("name").asString(), Optional.ofNullable(event.get("data")),
				Optional.ofNullable(event.get("requestorName")).map(JsonNode::asString),
				Optional.ofNullable(event.get("requestorData")));
	}

	private void expectOk(ObjectNode command, String description) {
		ObjectNode reply = await(this.peer.call(command), description);
		if (!reply.path("ok").asBoolean()) {
			throw new JsClientException(description + " failed: " + reply.get("error"));
		}
	}

	private ObjectNode await(CompletableFuture<ObjectNode> reply, String description) {
		try {
			return reply.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new JsClientException(description + " failed", ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new JsClientException(
					description + " did not complete within " + COMMAND_TIMEOUT + "\n" + LogTail.of(logFile()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new JsClientException("interrupted during " + description, ex);
		}
	}

	private static ObjectNode command(String op) {
		return Json.MAPPER.createObjectNode().put("op", op);
	}

	@Override
	public String toString() {
		return "JsClient[pid=" + this.peer.pid() + ", state=" + this.connectionState + "]";
	}

}
