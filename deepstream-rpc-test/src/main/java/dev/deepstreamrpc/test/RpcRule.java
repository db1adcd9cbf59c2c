package dev.deepstreamrpc.test;

/**
 * The {@code provide} and {@code request} rules of one RPC name pattern, each a
 * {@link Boolean} or a rule expression {@link String}, kept apart from the builder so
 * that the config writer sees plain values.
 *
 * @param provide the provide rule
 * @param request the request rule
 */
record RpcRule(Object provide, Object request) {

}
