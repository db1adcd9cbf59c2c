package dev.deepstreamrpc.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code js-peer.mjs} Node process and its JSON-lines channel: commands with an id go
 * to stdin, replies with the same id and unsolicited events come back on stdout, and
 * stderr goes to a log file.
 * <p>
 * Thread-safe: commands may be sent from any thread (writes are serialized on the
 * writer); replies complete their futures and events are delivered on the single reader
 * thread, which ends when the process does. The map of pending commands holds one entry
 * per unanswered command and is emptied, failing every entry, when the process ends.
 */
final class JsPeer {

	private static final Logger logger = LoggerFactory.getLogger(JsPeer.class);

	private final Process process;

	private final Writer stdin;

	private final Path logFile;

	private final Consumer<ObjectNode> events;

	private final Map<Long, CompletableFuture<ObjectNode>> pending = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private final Thread reader;

	private volatile @Nullable String exitReason;

	private JsPeer(Process process, Path logFile, Consumer<ObjectNode> events) {
		this.process = process;
		this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		this.logFile = logFile;
		this.events = events;
		this.reader = new Thread(this::read, "js-client-" + process.pid());
		this.reader.setDaemon(true);
	}

	static JsPeer start(DeepstreamInstallation installation, Path logFile, Consumer<ObjectNode> events) {
		List<String> command = List.of(installation.node().toString(), installation.peerScript().toString());
		ProcessBuilder builder = new ProcessBuilder(command).directory(installation.directory().toFile())
			.redirectError(Redirect.appendTo(logFile.toFile()));
		try {
			JsPeer peer = new JsPeer(builder.start(), logFile, events);
			peer.reader.start();
			return peer;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not start " + command, ex);
		}
	}

	long pid() {
		return this.process.pid();
	}

	CompletableFuture<ObjectNode> call(ObjectNode command) {
		long id = this.ids.incrementAndGet();
		command.put("id", id);
		CompletableFuture<ObjectNode> reply = new CompletableFuture<>();
		this.pending.put(id, reply);
		String line = Json.MAPPER.writeValueAsString(command);
		logger.debug("-> {}", line);
		try {
			synchronized (this.stdin) {
				this.stdin.write(line + "\n");
				this.stdin.flush();
			}
		}
		catch (IOException ex) {
			this.pending.remove(id);
			reply.completeExceptionally(gone());
		}
		if (this.exitReason != null && this.pending.remove(id) != null) {
			reply.completeExceptionally(gone());
		}
		return reply;
	}

	private void read() {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				logger.debug("<- {}", line);
				dispatch(line);
			}
		}
		catch (IOException ex) {
			logger.debug("reading from the JS client failed", ex);
		}
		this.exitReason = "the JS client process (pid " + pid() + ") has ended";
		this.pending.keySet().forEach((id) -> {
			CompletableFuture<ObjectNode> reply = this.pending.remove(id);
			if (reply != null) {
				reply.completeExceptionally(gone());
			}
		});
	}

	private void dispatch(String line) {
		ObjectNode message;
		try {
			JsonNode node = Json.MAPPER.readTree(line);
			if (!(node instanceof ObjectNode object)) {
				logger.warn("JS client printed {}", line);
				return;
			}
			message = object;
		}
		catch (JacksonException ex) {
			logger.warn("JS client printed {}", line);
			return;
		}
		if (message.has("id")) {
			CompletableFuture<ObjectNode> reply = this.pending.remove(message.get("id").asLong());
			if (reply != null) {
				reply.complete(message);
			}
		}
		else {
			deliver(message);
		}
	}

	private void deliver(ObjectNode event) {
		try {
			this.events.accept(event);
		}
		catch (RuntimeException ex) {
			logger.warn("JS client event {} could not be handled", event, ex);
		}
	}

	JsClientException gone() {
		String reason = (this.exitReason != null) ? this.exitReason : "the JS client process does not listen";
		return new JsClientException(reason + "\n" + LogTail.of(this.logFile));
	}

	void close() {
		try {
			synchronized (this.stdin) {
				this.stdin.close();
			}
		}
		catch (IOException ex) {
			logger.debug("closing the JS client's stdin failed", ex);
		}
		try {
			if (!this.process.waitFor(2, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
			this.reader.join(TimeUnit.SECONDS.toMillis(5));
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	void kill() {
		this.process.destroyForcibly();
	}

}
