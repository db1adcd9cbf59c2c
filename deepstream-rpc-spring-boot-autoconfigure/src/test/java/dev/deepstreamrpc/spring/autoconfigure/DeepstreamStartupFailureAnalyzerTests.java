package dev.deepstreamrpc.spring.autoconfigure;

import java.net.ConnectException;

import dev.deepstreamrpc.spring.DeepstreamStartupException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ApplicationContextException;

import static org.assertj.core.api.Assertions.assertThat;

class DeepstreamStartupFailureAnalyzerTests {

	@Test
	void explainsTheFailedConnectionAndWhatToCheck() {
		DeepstreamStartupException cause = new DeepstreamStartupException(
				"Could not connect to ws://rpc.example:6020/deepstream: Connection refused", new ConnectException());
		FailureAnalysis analysis = new DeepstreamStartupFailureAnalyzer()
			.analyze(new ApplicationContextException("Failed to start bean", cause));
		assertThat(analysis.getDescription()).contains("ws://rpc.example:6020/deepstream")
			.contains("Connection refused");
		assertThat(analysis.getAction()).contains("deepstream.rpc.url").contains("deepstream.rpc.fail-fast=false");
	}

}
