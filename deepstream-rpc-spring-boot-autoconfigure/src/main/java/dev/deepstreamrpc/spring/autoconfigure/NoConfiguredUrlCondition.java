package dev.deepstreamrpc.spring.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when {@code deepstream.rpc.url} is not set.
 */
class NoConfiguredUrlCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String url = context.getEnvironment().getProperty("deepstream.rpc.url");
		return StringUtils.hasText(url) ? ConditionOutcome.noMatch("deepstream.rpc.url is set to " + url)
				: ConditionOutcome.match("deepstream.rpc.url is not set");
	}

}
