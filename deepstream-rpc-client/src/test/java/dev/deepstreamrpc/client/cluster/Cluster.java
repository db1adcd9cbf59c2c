package dev.deepstreamrpc.client.cluster;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.DeepstreamRpcClientBuilder;
import dev.deepstreamrpc.client.connection.ReconnectBackoff;
import dev.deepstreamrpc.test.DeepstreamServer;
import dev.deepstreamrpc.test.RedisServer;

/**
 * Redis and two deepstream nodes, A and B, clustered through it, with the short server
 * timeouts of the fault scenarios so that a killed node costs seconds, not minutes.
 * <p>
 * Thread-safe as far as its servers are; closing stops all three processes.
 */
final class Cluster implements AutoCloseable {

	static final Duration ACK_TIMEOUT = Duration.ofMillis(1000);

	static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(3000);

	static final Duration DEADLINE = ACK_TIMEOUT.plus(RESPONSE_TIMEOUT).plusMillis(500);

	final RedisServer redis;

	final DeepstreamServer nodeA;

	final DeepstreamServer nodeB;

	private Cluster(RedisServer redis, DeepstreamServer nodeA, DeepstreamServer nodeB) {
		this.redis = redis;
		this.nodeA = nodeA;
		this.nodeB = nodeB;
	}

	static Cluster start() {
		RedisServer redis = RedisServer.start();
		DeepstreamServer nodeA = null;
		try {
			nodeA = node("A", redis).start();
			DeepstreamServer nodeB = node("B", redis).start();
			return new Cluster(redis, nodeA, nodeB);
		}
		catch (RuntimeException ex) {
			if (nodeA != null) {
				nodeA.close();
			}
			redis.close();
			throw ex;
		}
	}

	private static DeepstreamServer node(String name, RedisServer redis) {
		return DeepstreamServer.builder()
			.cluster(name, redis)
			.ackTimeout(ACK_TIMEOUT)
			.responseTimeout(RESPONSE_TIMEOUT)
			.heartbeatInterval(Duration.ofSeconds(2))
			.build();
	}

	/**
	 * A client that connects to the given nodes in that order and fails over between
	 * them.
	 * @param nodes the nodes
	 * @return the builder
	 */
	static DeepstreamRpcClientBuilder client(DeepstreamServer... nodes) {
		List<URI> urls = Arrays.stream(nodes).map(DeepstreamServer::url).toList();
		return DeepstreamRpcClient.builder(urls)
			.pingInterval(Duration.ofMillis(500))
			.deadAfter(Duration.ofSeconds(1))
			.reconnectBackoff(ReconnectBackoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1)))
			.serverTimeouts(ACK_TIMEOUT, RESPONSE_TIMEOUT)
			.defaultDeadline(DEADLINE);
	}

	@Override
	public void close() {
		this.nodeA.close();
		this.nodeB.close();
		this.redis.close();
	}

}
