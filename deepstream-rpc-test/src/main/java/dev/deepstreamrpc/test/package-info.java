/**
 * Runs the real deepstream server and the official JS client in tests, so that behaviour
 * is checked against the real thing instead of mocks of the protocol.
 */
@NullMarked
package dev.deepstreamrpc.test;

import org.jspecify.annotations.NullMarked;
