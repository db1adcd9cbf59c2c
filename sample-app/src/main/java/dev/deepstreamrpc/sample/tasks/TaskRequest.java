package dev.deepstreamrpc.sample.tasks;

/**
 * The data of a {@code task} request.
 *
 * @param id the caller's name for the task
 */
record TaskRequest(String id) {

}
