package dev.deepstreamrpc.embedded;

/**
 * What every connection of one running server shares, handed to each new connection.
 *
 * @param settings the configuration
 * @param authenticator checks logins
 * @param router routes RPC messages
 * @param connections the open connections
 * @param faults the planned faults and the message delay
 */
record ServerContext(EmbeddedSettings settings, Authenticator authenticator, RpcRouter router, Connections connections,
		DefaultFaultInjection faults) {

}
