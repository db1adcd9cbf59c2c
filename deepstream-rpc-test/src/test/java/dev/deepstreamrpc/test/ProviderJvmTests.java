package dev.deepstreamrpc.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Starting, crashing, freezing and stopping a main class in a JVM of its own.
 */
@Timeout(60)
class ProviderJvmTests {

	@Test
	void startReturnsOnceTheMainClassPrintsReady() throws IOException {
		try (ProviderJvm jvm = ProviderJvm.builder(TickingMain.class)
			.arguments("run", "two words")
			.jvmArguments("-Dgreeting=hello")
			.start()) {
			assertThat(jvm.isAlive()).isTrue();
			assertThat(Files.readString(jvm.logFile())).contains("pid " + jvm.pid())
				.contains("arguments run two words")
				.contains("greeting hello")
				.contains("READY");
		}
	}

	@Test
	void everyLineReachesTheListenerAndTheLog() {
		List<String> lines = new CopyOnWriteArrayList<>();
		try (ProviderJvm jvm = ProviderJvm.builder(TickingMain.class).onLine(lines::add).start()) {
			await().atMost(Duration.ofSeconds(5)).until(() -> lines.contains("tick 3"));
			assertThat(lines).startsWith("pid " + jvm.pid());
			assertThat(LogTail.of(jvm.logFile())).contains("tick 3");
		}
	}

	@Test
	void killedJvmDiesAtOnceWithoutRunningItsShutdownHooks() throws IOException {
		try (ProviderJvm jvm = ProviderJvm.start(TickingMain.class)) {
			long started = System.nanoTime();
			jvm.kill();
			assertThat(jvm.isAlive()).isFalse();
			assertThat(ProcessHandle.of(jvm.pid())).isEmpty();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
			assertThat(Files.readString(jvm.logFile())).doesNotContain("shutdown hook ran");
		}
	}

	@Test
	void stoppedJvmRunsItsShutdownHooks() {
		List<String> lines = new CopyOnWriteArrayList<>();
		try (ProviderJvm jvm = ProviderJvm.builder(TickingMain.class).onLine(lines::add).start()) {
			jvm.stop();
			assertThat(jvm.isAlive()).isFalse();
			await().atMost(Duration.ofSeconds(5)).until(() -> lines.contains("shutdown hook ran"));
		}
	}

	@Test
	void frozenJvmPrintsNothingUntilThawed() {
		AtomicInteger ticks = new AtomicInteger();
		try (ProviderJvm jvm = ProviderJvm.builder(TickingMain.class)
			.onLine((line) -> ticks.incrementAndGet())
			.start()) {
			jvm.freeze();
			AtomicInteger lastSeen = new AtomicInteger(-1);
			await().during(Duration.ofMillis(400))
				.atMost(Duration.ofSeconds(3))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> ticks.get() == lastSeen.getAndSet(ticks.get()));
			assertThat(jvm.isAlive()).isTrue();
			int frozenAt = ticks.get();
			jvm.thaw();
			await().atMost(Duration.ofSeconds(5)).until(() -> ticks.get() > frozenAt + 3);
		}
	}

	@Test
	void closedJvmIsStoppedAndItsTemporaryLogDeleted() {
		ProviderJvm jvm = ProviderJvm.start(TickingMain.class);
		jvm.freeze();
		jvm.close();
		assertThat(jvm.isAlive()).isFalse();
		assertThat(jvm.logFile()).doesNotExist();
	}

	@Test
	void givenLogFileIsKeptAfterClose(@TempDir Path directory) {
		Path log = directory.resolve("provider.log");
		try (ProviderJvm jvm = ProviderJvm.builder(TickingMain.class).logFile(log).start()) {
			assertThat(jvm.logFile()).isEqualTo(log);
		}
		assertThat(log).content(StandardCharsets.UTF_8).contains("READY").contains("shutdown hook ran");
	}

	@Test
	void mainThatExitsBeforeBeingReadyFailsTheStartWithItsOutput() {
		assertThatIllegalStateException().isThrownBy(() -> ProviderJvm.start(TickingMain.class, "fail"))
			.withMessageContaining("did not print 'READY'")
			.withMessageContaining("exit code 3")
			.withMessageContaining("boom");
	}

	@Test
	void mainThatNeverGetsReadyIsStoppedAfterTheStartupTimeout() {
		List<String> lines = new CopyOnWriteArrayList<>();
		assertThatIllegalStateException()
			.isThrownBy(() -> ProviderJvm.builder(TickingMain.class)
				.arguments("silent")
				.startupTimeout(Duration.ofSeconds(2))
				.onLine(lines::add)
				.start())
			.withMessageContaining("nothing within PT2S")
			.withMessageContaining("tick");
		long pid = Long.parseLong(lines.get(0).substring("pid ".length()));
		assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
	}

	@Test
	void launchedJvmHaltsWhenItsStandardInputEnds() throws Exception {
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), ProviderJvmLauncher.class.getName(), TickingMain.class.getName())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		try {
			process.getOutputStream().close();
			assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).isZero();
		}
		finally {
			process.destroyForcibly();
		}
	}

}
