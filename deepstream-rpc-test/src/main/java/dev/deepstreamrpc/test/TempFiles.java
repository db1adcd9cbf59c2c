package dev.deepstreamrpc.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Deletes the temporary directories of servers and clients, best effort, because a
 * leftover log file must never fail a test.
 */
final class TempFiles {

	private TempFiles() {
	}

	static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach(TempFiles::deleteQuietly);
		}
		catch (IOException ex) {
			deleteQuietly(directory);
		}
	}

	private static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			path.toFile().deleteOnExit();
		}
	}

}
