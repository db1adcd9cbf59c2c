package dev.deepstreamrpc.test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.deepstreamrpc.test.ChaosProxy.Direction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The proxy against a local echo server. Every switch must show its effect within
 * {@link #SWITCH_BUDGET_MILLIS}, which leaves room for a busy 2-core CI machine while
 * staying well below the 100 ms steps that tell a switch applied once from one applied
 * twice; timings are the median of several trials where the switch allows it, so that one
 * scheduling hiccup does not decide the result.
 */
@Timeout(60)
class ChaosProxyTests {

	private static final long SWITCH_BUDGET_MILLIS = 40;

	private static final int TRIALS = 5;

	private final List<Socket> sockets = new ArrayList<>();

	private final EchoServer echo;

	private final ChaosProxy proxy;

	ChaosProxyTests() throws IOException {
		this.echo = new EchoServer();
		this.proxy = ChaosProxy.start(this.echo.address());
	}

	@AfterEach
	void close() throws InterruptedException {
		this.sockets.forEach(ChaosProxy::closeQuietly);
		this.proxy.close();
		this.echo.close();
	}

	@Test
	void bytesPassBothWaysAndAreCounted() throws IOException {
		Socket client = connect();
		assertThat(roundTrip(client, "hello")).isEqualTo("hello");
		assertThat(this.proxy.connectionsAccepted()).isOne();
		assertThat(this.proxy.activeConnections()).isOne();
		// The pipe counts a write once it returned, which may be after the peer read it
		await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> {
			for (Direction direction : Direction.values()) {
				assertThat(this.proxy.bytesReceived(direction)).isEqualTo(5);
				assertThat(this.proxy.bytesForwarded(direction)).isEqualTo(5);
				assertThat(this.proxy.bytesDropped(direction)).isZero();
			}
		});
	}

	@Test
	void latencyDelaysEachDirectionFromTheNextByteOn() throws IOException {
		Socket client = connect();
		roundTrip(client, "warm");
		this.proxy.latency(Direction.CLIENT_TO_SERVER, Duration.ofMillis(100), Duration.ZERO);
		List<Long> oneWay = timedRoundTripsMillis(client);
		this.proxy.latency(Duration.ofMillis(100), Duration.ZERO);
		List<Long> bothWays = timedRoundTripsMillis(client);
		this.proxy.heal();
		List<Long> healed = timedRoundTripsMillis(client);
		assertThat(oneWay).allSatisfy((millis) -> assertThat(millis).isGreaterThanOrEqualTo(100));
		assertThat(median(oneWay)).isLessThanOrEqualTo(100 + SWITCH_BUDGET_MILLIS);
		assertThat(bothWays).allSatisfy((millis) -> assertThat(millis).isGreaterThanOrEqualTo(200));
		assertThat(median(bothWays)).isLessThanOrEqualTo(200 + SWITCH_BUDGET_MILLIS);
		assertThat(median(healed)).isLessThanOrEqualTo(SWITCH_BUDGET_MILLIS);
	}

	@Test
	void jitterVariesTheDelayWithinItsBounds() throws IOException {
		Socket client = connect();
		this.proxy.latency(Direction.SERVER_TO_CLIENT, Duration.ofMillis(60), Duration.ofMillis(40));
		List<Long> delays = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			delays.add(timedRoundTripMillis(client));
		}
		assertThat(delays).allSatisfy((millis) -> assertThat(millis).isGreaterThanOrEqualTo(20));
		assertThat(delays).as("one scheduling hiccup allowed")
			.filteredOn((millis) -> millis > 100 + SWITCH_BUDGET_MILLIS)
			.hasSizeLessThanOrEqualTo(1);
		assertThat(delays.stream().map((millis) -> millis / 5).distinct()).hasSizeGreaterThan(1);
	}

	@Test
	void healReleasesBytesHeldByLatencyAtOnce() throws IOException {
		Socket client = connect();
		this.proxy.latency(Duration.ofSeconds(5), Duration.ZERO);
		List<Long> releases = new ArrayList<>();
		for (int i = 0; i < TRIALS; i++) {
			long before = this.proxy.bytesReceived(Direction.CLIENT_TO_SERVER);
			write(client, "held");
			await().atMost(Duration.ofSeconds(1))
				.until(() -> this.proxy.bytesReceived(Direction.CLIENT_TO_SERVER) == before + 4);
			long start = System.nanoTime();
			this.proxy.latency(Duration.ZERO, Duration.ZERO);
			assertThat(read(client, 4)).isEqualTo("held");
			releases.add(millisSince(start));
			this.proxy.latency(Duration.ofSeconds(5), Duration.ZERO);
		}
		assertThat(median(releases)).isLessThanOrEqualTo(SWITCH_BUDGET_MILLIS);
	}

	@Test
	void blackholeDropsBytesButKeepsTheConnectionOpen() throws IOException {
		Socket client = connect();
		this.proxy.blackhole(Direction.CLIENT_TO_SERVER);
		write(client, "lost");
		await().atMost(Duration.ofSeconds(1)).until(() -> this.proxy.bytesDropped(Direction.CLIENT_TO_SERVER) == 4);
		assertNothingArrives(client);
		this.proxy.heal();
		assertThat(roundTrip(client, "found")).isEqualTo("found");
		assertThat(this.proxy.activeConnections()).isOne();
	}

	@Test
	void blackholeServerToClientDropsAnswersWhileRequestsStillArrive() throws IOException {
		Socket client = connect();
		this.proxy.blackhole(Direction.SERVER_TO_CLIENT);
		write(client, "ping");
		await().atMost(Duration.ofSeconds(1)).until(() -> this.proxy.bytesDropped(Direction.SERVER_TO_CLIENT) == 4);
		assertThat(this.echo.readSizes()).containsExactly(4);
		assertNothingArrives(client);
		List<Long> heals = new ArrayList<>();
		for (int i = 0; i < TRIALS; i++) {
			this.proxy.heal();
			long start = System.nanoTime();
			assertThat(roundTrip(client, "back")).isEqualTo("back");
			heals.add(millisSince(start));
			this.proxy.blackhole(Direction.SERVER_TO_CLIENT);
		}
		assertThat(median(heals)).isLessThanOrEqualTo(SWITCH_BUDGET_MILLIS);
	}

	@Test
	void blackholeAlsoDropsBytesAlreadyWaitingInTheProxy() throws IOException {
		Socket client = connect();
		this.proxy.latency(Direction.CLIENT_TO_SERVER, Duration.ofSeconds(5), Duration.ZERO);
		write(client, "queued");
		await().atMost(Duration.ofSeconds(1)).until(() -> this.proxy.bytesReceived(Direction.CLIENT_TO_SERVER) == 6);
		this.proxy.blackhole(Direction.CLIENT_TO_SERVER).latency(Duration.ZERO, Duration.ZERO);
		await().atMost(Duration.ofMillis(SWITCH_BUDGET_MILLIS * 10))
			.pollInterval(Duration.ofMillis(1))
			.until(() -> this.proxy.bytesDropped(Direction.CLIENT_TO_SERVER) == 6);
		assertThat(this.echo.readSizes()).isEmpty();
	}

	@Test
	void resetAllSendsRstToBothSidesAtOnce() throws IOException {
		List<Long> resets = new ArrayList<>();
		for (int i = 0; i < TRIALS; i++) {
			Socket client = connect();
			roundTrip(client, "up");
			long start = System.nanoTime();
			this.proxy.resetAll();
			assertThatExceptionOfType(SocketException.class).isThrownBy(() -> client.getInputStream().read())
				.withMessageContaining("reset");
			resets.add(millisSince(start));
		}
		assertThat(median(resets)).isLessThanOrEqualTo(SWITCH_BUDGET_MILLIS);
		await().atMost(Duration.ofSeconds(1)).until(() -> this.echo.endings().size() == TRIALS);
		assertThat(this.echo.endings()).containsOnly("RESET");
		await().atMost(Duration.ofSeconds(1)).until(() -> this.proxy.activeConnections() == 0);
	}

	@Test
	void closeAllSendsFinToBothSidesAtOnce() throws IOException {
		List<Long> closes = new ArrayList<>();
		for (int i = 0; i < TRIALS; i++) {
			Socket client = connect();
			roundTrip(client, "up");
			long start = System.nanoTime();
			this.proxy.closeAll();
			assertThat(client.getInputStream().read()).isEqualTo(-1);
			closes.add(millisSince(start));
		}
		assertThat(median(closes)).isLessThanOrEqualTo(SWITCH_BUDGET_MILLIS);
		await().atMost(Duration.ofSeconds(1)).until(() -> this.echo.endings().size() == TRIALS);
		assertThat(this.echo.endings()).containsOnly("EOF");
	}

	@Test
	void serverClosingIsPassedOnToTheClientAndEndsTheConnectionOnceBothSidesClosed() throws IOException {
		Socket client = connect();
		roundTrip(client, "up");
		this.echo.closeConnections();
		assertThat(client.getInputStream().read()).isEqualTo(-1);
		assertThat(this.proxy.activeConnections()).isOne();
		client.close();
		await().atMost(Duration.ofSeconds(1)).until(() -> this.proxy.activeConnections() == 0);
	}

	@Test
	void clientResetIsPassedOnToTheServer() throws IOException {
		Socket client = connect();
		roundTrip(client, "up");
		client.setSoLinger(true, 0);
		client.close();
		await().atMost(Duration.ofSeconds(1)).until(() -> this.echo.endings().contains("RESET"));
	}

	@Test
	void refusedConnectionsAreResetUntilAcceptedAgain() throws IOException {
		this.proxy.refuseNew(true);
		Socket refused = connect();
		assertThat(readOrReset(refused)).isTrue();
		assertThat(this.proxy.connectionsRefused()).isOne();
		assertThat(this.proxy.connectionsAccepted()).isZero();
		this.proxy.refuseNew(false);
		assertThat(roundTrip(connect(), "welcome")).isEqualTo("welcome");
	}

	@Test
	void connectionsBeyondTheBoundAreRefused() throws IOException {
		try (ChaosProxy single = ChaosProxy.start(this.echo.address(), 1)) {
			Socket first = track(new Socket("127.0.0.1", single.port()));
			first.setSoTimeout(2000);
			assertThat(roundTrip(first, "one")).isEqualTo("one");
			Socket second = track(new Socket("127.0.0.1", single.port()));
			second.setSoTimeout(2000);
			assertThat(readOrReset(second)).isTrue();
			assertThat(single.connectionsRefused()).isOne();
		}
	}

	@Test
	void connectionsToAnUnreachableServerAreRefused() throws IOException {
		InetSocketAddress nowhere;
		try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			nowhere = new InetSocketAddress(InetAddress.getLoopbackAddress(), closed.getLocalPort());
		}
		try (ChaosProxy unreachable = ChaosProxy.start(nowhere)) {
			Socket client = track(new Socket("127.0.0.1", unreachable.port()));
			client.setSoTimeout(2000);
			assertThat(readOrReset(client)).isTrue();
			assertThat(unreachable.connectionsRefused()).isOne();
			assertThat(unreachable.connectionsAccepted()).isZero();
		}
	}

	@Test
	void slicedChunksArriveInPiecesSpreadOverTime() throws IOException {
		Socket client = connect();
		this.proxy.slice(4, Duration.ofMillis(20));
		long start = System.nanoTime();
		write(client, "0123456789abcdef");
		List<Integer> clientReads = new ArrayList<>();
		StringBuilder received = new StringBuilder();
		byte[] buffer = new byte[64];
		while (received.length() < 16) {
			int read = client.getInputStream().read(buffer);
			clientReads.add(read);
			received.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
		}
		assertThat(received).hasToString("0123456789abcdef");
		assertThat(millisSince(start)).isGreaterThanOrEqualTo(60);
		assertThat(this.echo.readSizes()).allSatisfy((size) -> assertThat(size).isLessThanOrEqualTo(4));
		assertThat(clientReads).allSatisfy((size) -> assertThat(size).isLessThanOrEqualTo(4));
	}

	@Test
	void closeEndsEveryThreadOfTheProxy() throws IOException, InterruptedException {
		ChaosProxy closing = ChaosProxy.start(this.echo.address());
		String prefix = "chaos-proxy-" + closing.port() + "-";
		for (int i = 0; i < 3; i++) {
			Socket client = track(new Socket("127.0.0.1", closing.port()));
			client.setSoTimeout(2000);
			roundTrip(client, "c" + i);
		}
		closing.latency(Duration.ofSeconds(5), Duration.ZERO);
		write(this.sockets.get(this.sockets.size() - 1), "held");
		assertThat(threadsNamed(prefix)).hasSize(1 + 3 * 4);
		closing.close();
		assertThat(threadsNamed(prefix)).isEmpty();
	}

	@Test
	void urlOfAProxyForAnAddressIsRefusedButRewritingWorks() {
		assertThatIllegalStateException().isThrownBy(this.proxy::url);
		assertThat(this.proxy.url(URI.create("ws://127.0.0.1:6020/deepstream")))
			.isEqualTo(URI.create("ws://127.0.0.1:" + this.proxy.port() + "/deepstream"));
	}

	private Socket connect() throws IOException {
		Socket socket = track(new Socket("127.0.0.1", this.proxy.port()));
		socket.setTcpNoDelay(true);
		socket.setSoTimeout(2000);
		return socket;
	}

	private Socket track(Socket socket) {
		this.sockets.add(socket);
		return socket;
	}

	private static String roundTrip(Socket socket, String text) throws IOException {
		write(socket, text);
		return read(socket, text.length());
	}

	private static long timedRoundTripMillis(Socket socket) throws IOException {
		long start = System.nanoTime();
		roundTrip(socket, "t");
		return millisSince(start);
	}

	private static List<Long> timedRoundTripsMillis(Socket socket) throws IOException {
		List<Long> millis = new ArrayList<>();
		for (int i = 0; i < TRIALS; i++) {
			millis.add(timedRoundTripMillis(socket));
		}
		return millis;
	}

	private static void write(Socket socket, String text) throws IOException {
		socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
	}

	private static String read(Socket socket, int length) throws IOException {
		byte[] bytes = socket.getInputStream().readNBytes(length);
		return new String(bytes, StandardCharsets.US_ASCII);
	}

	private static void assertNothingArrives(Socket socket) throws IOException {
		int timeout = socket.getSoTimeout();
		socket.setSoTimeout(200);
		try {
			assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> socket.getInputStream().read());
		}
		finally {
			socket.setSoTimeout(timeout);
		}
	}

	private static boolean readOrReset(Socket socket) {
		try {
			InputStream in = socket.getInputStream();
			return in.read() == -1;
		}
		catch (SocketException ex) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static Set<String> threadsNamed(String prefix) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith(prefix))
			.collect(Collectors.toSet());
	}

	private static long millisSince(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
	}

	private static long median(List<Long> values) {
		return values.stream().sorted().toList().get(values.size() / 2);
	}

}
