/**
 * REST access to any RPC and the translation of RPC failures into problem details.
 */
@NullMarked
package dev.deepstreamrpc.sample.web;

import org.jspecify.annotations.NullMarked;
