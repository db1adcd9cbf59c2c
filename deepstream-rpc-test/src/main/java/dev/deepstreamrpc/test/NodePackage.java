package dev.deepstreamrpc.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Node package shipped on the classpath (server, JS client, helper scripts), copied
 * to disk because npm and Node can only work with real files.
 */
final class NodePackage {

	static final String RESOURCE_DIRECTORY = "node/";

	static final List<String> FILES = List.of("package.json", "package-lock.json", "uws-stub/package.json",
			"uws-stub/index.js", "deepstream-config.cjs", "exit-with-parent.cjs", "js-peer.mjs");

	private final Map<String, byte[]> files;

	private NodePackage(Map<String, byte[]> files) {
		this.files = files;
	}

	static NodePackage fromClasspath() {
		Map<String, byte[]> files = new LinkedHashMap<>();
		for (String name : FILES) {
			files.put(name, read(RESOURCE_DIRECTORY + name));
		}
		return new NodePackage(files);
	}

	private static byte[] read(String resource) {
		try (InputStream input = NodePackage.class.getResourceAsStream(resource)) {
			if (input == null) {
				throw new IllegalStateException(
						"classpath resource dev/deepstreamrpc/test/" + resource + " is missing");
			}
			return input.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A short digest of every shipped file, so that a changed lock file or script gets
	 * its own installation directory.
	 * @return twelve hex digits
	 */
	String hash() {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			this.files.forEach((name, content) -> {
				digest.update(name.getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
				digest.update(content);
			});
			return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	void copyTo(Path directory) throws IOException {
		for (Map.Entry<String, byte[]> file : this.files.entrySet()) {
			Path target = directory.resolve(file.getKey());
			Files.createDirectories(target.getParent());
			Files.write(target, file.getValue());
		}
	}

}
