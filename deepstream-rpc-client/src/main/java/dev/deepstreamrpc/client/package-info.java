/**
 * A Java client for deepstream.io remote procedure calls: make calls, provide them, and
 * get exactly one typed outcome for every call.
 */
@NullMarked
package dev.deepstreamrpc.client;

import org.jspecify.annotations.NullMarked;
