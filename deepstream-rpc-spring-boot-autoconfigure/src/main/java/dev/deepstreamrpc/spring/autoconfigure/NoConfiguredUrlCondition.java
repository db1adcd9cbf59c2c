package dev.deepstreamrpc.spring.autoconfigure;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when neither {@code deepstream.rpc.url} nor {@code deepstream.rpc.urls} is set.
 */
class NoConfiguredUrlCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String url = context.getEnvironment().getProperty("deepstream.rpc.url");
		if (StringUtils.hasText(url)) {
			return ConditionOutcome.noMatch("deepstream.rpc.url is set to " + url);
		}
		List<String> urls = Binder.get(context.getEnvironment())
			.bind("deepstream.rpc.urls", Bindable.listOf(String.class))
			.orElse(List.of());
		return urls.stream().anyMatch(StringUtils::hasText)
				? ConditionOutcome.noMatch("deepstream.rpc.urls is set to " + urls)
				: ConditionOutcome.match("neither deepstream.rpc.url nor deepstream.rpc.urls is set");
	}

}
