package dev.deepstreamrpc.spring.aot;

import dev.deepstreamrpc.wire.proto.AuthMessage;
import dev.deepstreamrpc.wire.proto.ConnectionMessage;
import dev.deepstreamrpc.wire.proto.Envelope;
import dev.deepstreamrpc.wire.proto.RpcMessage;
import dev.deepstreamrpc.wire.proto.Topic;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WireMessageRuntimeHints}.
 */
class WireMessageRuntimeHintsTests {

	@Test
	void isRegisteredInAotFactories() {
		assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
			.hasAtLeastOneElementOfType(WireMessageRuntimeHints.class);
	}

	@Test
	void messagesAndTheirBuildersHaveTheirPublicMethodsInvocable() {
		RuntimeHints hints = new RuntimeHints();
		new WireMessageRuntimeHints().registerHints(hints, getClass().getClassLoader());
		for (Class<?> type : new Class<?>[] { Envelope.class, Envelope.Builder.class, RpcMessage.class,
				RpcMessage.Builder.class, AuthMessage.class, ConnectionMessage.Builder.class, Topic.class }) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(type)
				.withMemberCategory(MemberCategory.INVOKE_PUBLIC_METHODS)).as(type.getName()).accepts(hints);
		}
	}

}
