/**
 * The {@code task} RPC, a slow task that sheds load beyond fifty simultaneous executions.
 */
@NullMarked
package dev.deepstreamrpc.sample.tasks;

import org.jspecify.annotations.NullMarked;
