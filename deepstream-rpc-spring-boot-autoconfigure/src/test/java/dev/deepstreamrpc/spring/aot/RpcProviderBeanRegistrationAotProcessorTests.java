package dev.deepstreamrpc.spring.aot;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.deepstreamrpc.client.RpcRequest;
import dev.deepstreamrpc.client.RpcResponse;
import dev.deepstreamrpc.spring.RpcAdvice;
import dev.deepstreamrpc.spring.RpcExceptionHandler;
import dev.deepstreamrpc.spring.RpcProvider;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.annotation.AliasFor;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hints that AOT processing of an application context records for {@link RpcProvider}
 * and {@link RpcExceptionHandler} methods, found through
 * {@code META-INF/spring/aot.factories} as in a real build.
 */
class RpcProviderBeanRegistrationAotProcessorTests {

	@Test
	void providerMethodsAreInvocable() {
		RuntimeHints hints = processAheadOfTime(Calculator.class);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Calculator.class, "add")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Calculator.class, "items")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Calculator.class, "meta")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Calculator.class, "helper")).rejects(hints);
	}

	@Test
	void payloadParametersAreBound() {
		RuntimeHints hints = processAheadOfTime(Calculator.class);
		assertThat(RuntimeHintsPredicates.reflection().onType(AddRequest.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(AddRequest.class, "a")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Query.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Tag.class)).accepts(hints);
	}

	@Test
	void resultsAreBoundOnceUnwrapped() {
		RuntimeHints hints = processAheadOfTime(Calculator.class);
		assertThat(RuntimeHintsPredicates.reflection().onType(Sum.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Sum.class, "total")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Item.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Reply.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Echo.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(CompletableFuture.class)).rejects(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Mono.class)).rejects(hints);
	}

	@Test
	void requestAndResponseParametersAreNotBound() {
		RuntimeHints hints = processAheadOfTime(Calculator.class);
		assertThat(RuntimeHintsPredicates.reflection().onType(RpcRequest.class)).rejects(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(RpcResponse.class)).rejects(hints);
	}

	@Test
	void exceptionHandlersAreInvocableAndTheirErrorValuesBound() {
		RuntimeHints hints = processAheadOfTime(Errors.class);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Errors.class, "badInput")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(ErrorBody.class)).accepts(hints);
	}

	@Test
	void beansWithoutRpcMethodsContributeNothing() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.registerBean("plain", Plain.class);
			RegisteredBean plain = RegisteredBean.of(context.getBeanFactory(), "plain");
			assertThat(new RpcProviderBeanRegistrationAotProcessor().processAheadOfTime(plain)).isNull();
		}
	}

	private static RuntimeHints processAheadOfTime(Class<?> beanClass) {
		DefaultGenerationContext generation = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get("com.example", "Application")), new InMemoryGeneratedFiles());
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.registerBean(beanClass);
			new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
		}
		return generation.getRuntimeHints();
	}

	@Retention(RetentionPolicy.RUNTIME)
	@RpcProvider
	@interface MetaRpc {

		@AliasFor(annotation = RpcProvider.class, attribute = "name")
		String value();

	}

	static class Calculator {

		@RpcProvider("aot/add")
		Sum add(AddRequest request) {
			return new Sum(request.a() + request.b());
		}

		@RpcProvider("aot/items")
		CompletableFuture<List<Item>> items(Query query, RpcRequest request) {
			return CompletableFuture.completedFuture(List.of());
		}

		@RpcProvider(name = "aot/mono", autoAck = false)
		Mono<Reply> mono(Map<String, Tag> tags, RpcResponse response) {
			return Mono.empty();
		}

		@MetaRpc("aot/meta")
		Optional<Echo> meta() {
			return Optional.empty();
		}

		Sum helper(AddRequest request) {
			return add(request);
		}

	}

	@RpcAdvice
	static class Errors {

		@RpcExceptionHandler
		ErrorBody badInput(IllegalArgumentException ex, RpcRequest request) {
			return new ErrorBody(request.name(), ex.getMessage());
		}

	}

	static class Plain {

		String name() {
			return "plain";
		}

	}

	record AddRequest(int a, int b) {
	}

	record Sum(int total) {
	}

	record Query(String category) {
	}

	record Item(String name) {
	}

	record Tag(String value) {
	}

	record Reply(String text) {
	}

	record Echo(String text) {
	}

	record ErrorBody(String rpc, String message) {
	}

}
