package dev.deepstreamrpc.spring.autoconfigure;

import dev.deepstreamrpc.spring.DeepstreamStartupException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a failed first connection to deepstream and what to check.
 */
class DeepstreamStartupFailureAnalyzer extends AbstractFailureAnalyzer<DeepstreamStartupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DeepstreamStartupException cause) {
		return new FailureAnalysis("The application could not connect to deepstream: " + cause.getMessage(),
				"Check that the deepstream server is running at 'deepstream.rpc.url' and that "
						+ "'deepstream.rpc.authentication.*' or your AuthDataSupplier bean hold valid credentials. "
						+ "Set 'deepstream.rpc.fail-fast=false' to start anyway and keep retrying in the background.",
				cause);
	}

}
