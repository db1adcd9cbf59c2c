package dev.deepstreamrpc.embedded;

import org.jspecify.annotations.Nullable;

/**
 * What fault injection does to one request instead of routing it.
 *
 * @param kind the kind of fault
 * @param error the error message of a {@link Kind#FAIL} fault, otherwise {@code null}
 */
record PlannedFault(Kind kind, @Nullable String error) {

	/**
	 * The faults a request can meet.
	 */
	enum Kind {

		/** Swallowed: the caller gets {@code ACCEPT_TIMEOUT}. */
		TIME_OUT,

		/** Refused at once with {@code NO_RPC_PROVIDER}. */
		REJECT,

		/** Failed at once with {@code REQUEST_ERROR}. */
		FAIL

	}

}
