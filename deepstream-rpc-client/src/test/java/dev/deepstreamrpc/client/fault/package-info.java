/**
 * Fault scenarios against the real server and provider processes, with the client
 * settings and pass criteria of the reliability notes, so that every promise about
 * crashes, outages and slow peers is measured rather than assumed.
 */
@NullMarked
package dev.deepstreamrpc.client.fault;

import org.jspecify.annotations.NullMarked;
