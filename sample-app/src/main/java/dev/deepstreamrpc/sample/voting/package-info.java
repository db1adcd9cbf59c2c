/**
 * The {@code count-vote} RPC, which accepts one vote per user, and its REST endpoints.
 */
@NullMarked
package dev.deepstreamrpc.sample.voting;

import org.jspecify.annotations.NullMarked;
