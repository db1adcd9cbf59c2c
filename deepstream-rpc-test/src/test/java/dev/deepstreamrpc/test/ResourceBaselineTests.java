package dev.deepstreamrpc.test;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Leak detection on this very JVM: a thread or file opened after the capture must be
 * seen, and named, until it is released.
 */
class ResourceBaselineTests {

	@Test
	void baselineIsSettledWhenNothingChanged() {
		ResourceBaseline baseline = ResourceBaseline.capture();
		assertThat(baseline.threads()).isPositive();
		assertThat(baseline.fileDescriptors()).isPositive();
		baseline.assertSettled(Duration.ofSeconds(1));
	}

	@Test
	void leakedThreadIsNamedUntilItEnds() throws InterruptedException {
		ResourceBaseline baseline = ResourceBaseline.capture().withTolerance(0, 100);
		CountDownLatch release = new CountDownLatch(1);
		Thread leaked = new Thread(() -> awaitQuietly(release), "leaked-by-test");
		leaked.start();
		try {
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> baseline.assertSettled(Duration.ofMillis(200)))
				.withMessageContaining("leaked-by-test");
		}
		finally {
			release.countDown();
			leaked.join();
		}
		baseline.assertSettled(Duration.ofSeconds(2));
	}

	@Test
	void openedFilesAreNotSettledUntilClosed(@TempDir Path directory) throws IOException {
		ResourceBaseline baseline = ResourceBaseline.capture().withTolerance(100, 2);
		List<FileChannel> channels = new ArrayList<>();
		try {
			for (int i = 0; i < 5; i++) {
				channels.add(FileChannel.open(Files.createFile(directory.resolve("f" + i))));
			}
			assertThat(ResourceBaseline.openFileDescriptors()).isGreaterThanOrEqualTo(baseline.fileDescriptors() + 5);
			assertThat(baseline.isSettled()).isFalse();
		}
		finally {
			for (FileChannel channel : channels) {
				channel.close();
			}
		}
		baseline.assertSettled(Duration.ofSeconds(2));
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
