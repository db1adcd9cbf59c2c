package dev.deepstreamrpc.client;

/**
 * Whether the server routes a provided RPC to this client.
 */
public enum ProviderState {

	/**
	 * Not yet acknowledged by the server, for example while reconnecting.
	 */
	PENDING,

	/**
	 * Acknowledged: the server routes requests here.
	 */
	REGISTERED,

	/**
	 * Refused by the server's permissions; tried again after the next reconnect.
	 */
	DENIED

}
