package dev.deepstreamrpc.test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link DeepstreamServerBuilder} collected, frozen so that restarts use
 * exactly the configuration of the first start.
 *
 * @param ackTimeout {@code rpc.ackTimeout}
 * @param responseTimeout {@code rpc.responseTimeout}
 * @param heartbeatInterval the binary endpoint's {@code heartbeatInterval}
 * @param maxMessageSize the binary endpoint's {@code maxMessageSize} in bytes
 * @param unauthenticatedClientTimeout the binary endpoint's
 * {@code unauthenticatedClientTimeout}
 * @param maxAuthAttempts the binary endpoint's {@code maxAuthAttempts}
 * @param provideRequestorName {@code rpc.provideRequestorName}
 * @param provideRequestorData {@code rpc.provideRequestorData}
 * @param users the file-auth users; open auth when empty
 * @param permissionsYaml a complete {@code permissions.yml}, or {@code null}
 * @param rpcRules RPC rules by name pattern, applied over {@code permissionsYaml}
 * @param logLevel the server's log level
 * @param port the port, {@code 0} for a free one
 * @param startupTimeout how long to wait for the health check
 * @param installation the installation, or {@code null} for
 * {@link DeepstreamInstallation#install()}
 * @param tls the certificate to serve {@code wss://} with, or {@code null} for
 * {@code ws://}
 * @param cluster the cluster this server joins, or {@code null} for a single server
 */
record ServerSettings(Duration ackTimeout, Duration responseTimeout, Duration heartbeatInterval, int maxMessageSize,
		Duration unauthenticatedClientTimeout, int maxAuthAttempts, boolean provideRequestorName,
		boolean provideRequestorData, List<DeepstreamUser> users, @Nullable String permissionsYaml,
		Map<String, RpcRule> rpcRules, DeepstreamServer.LogLevel logLevel, int port, Duration startupTimeout,
		@Nullable DeepstreamInstallation installation, @Nullable TestCertificate tls, @Nullable Cluster cluster) {

	boolean hasPermissions() {
		return this.permissionsYaml != null || !this.rpcRules.isEmpty();
	}

	/**
	 * Membership of a cluster whose nodes talk through Redis.
	 *
	 * @param serverName the node's {@code serverName}, unique in the cluster
	 * @param redisHost the Redis host
	 * @param redisPort the Redis port
	 */
	record Cluster(String serverName, String redisHost, int redisPort) {
	}

}
