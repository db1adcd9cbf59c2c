package dev.deepstreamrpc.sample.voting;

import jakarta.validation.constraints.NotBlank;

/**
 * One user's vote for one option.
 *
 * @param user who votes
 * @param option what they vote for
 */
record Vote(@NotBlank String user, @NotBlank String option) {

}
