package dev.deepstreamrpc.sample.tasks;

/**
 * The answer to a {@code task} request.
 *
 * @param id the caller's name for the task
 * @param completedBy which application ran it, to tell this provider's answers from those
 * of other providers of {@code task}
 * @param millis how long it took
 */
record TaskResult(String id, String completedBy, long millis) {

}
