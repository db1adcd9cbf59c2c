package dev.deepstreamrpc.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the last lines of a process log, so that failure messages show why a Node process
 * misbehaved without anyone having to find the file.
 */
final class LogTail {

	private static final int LINES = 40;

	private LogTail() {
	}

	static String of(Path file) {
		try {
			List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			List<String> tail = lines.subList(Math.max(0, lines.size() - LINES), lines.size());
			return "--- last lines of " + file + " ---\n" + String.join("\n", tail);
		}
		catch (IOException ex) {
			return "--- " + file + " could not be read: " + ex.getMessage() + " ---";
		}
	}

}
