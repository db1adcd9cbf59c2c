package dev.deepstreamrpc.sample.voting;

/**
 * Thrown when a user votes a second time; its message is the error the caller receives.
 */
class AlreadyVotedException extends RuntimeException {

	AlreadyVotedException() {
		super("You can only vote once");
	}

}
