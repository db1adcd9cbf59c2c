package dev.deepstreamrpc.spring.observation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.deepstreamrpc.spring.RpcOperations;
import dev.deepstreamrpc.spring.RpcProvider;
import dev.deepstreamrpc.spring.autoconfigure.DeepstreamRpcAutoConfiguration;
import dev.deepstreamrpc.test.DeepstreamServerExtension;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.ObservationView;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spans of calls and provider invocations, recorded by Micrometer Tracing's test tracer
 * against a real deepstream server: a client span per call, a server span per request
 * served whose observation has no parent, because deepstream messages carry no headers,
 * and calls made while serving a request are children of its observation.
 */
class RpcTracingIntegrationTests {

	@RegisterExtension
	static final DeepstreamServerExtension deepstream = DeepstreamServerExtension.create();

	private final SimpleTracer tracer = new SimpleTracer();

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	private final Propagator propagator = new NothingPropagated(this.tracer);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, DeepstreamRpcAutoConfiguration.class))
		.withPropertyValues("deepstream.rpc.url=" + deepstream.url())
		.withBean(ObservationRegistry.class, this::tracingRegistry)
		.withUserConfiguration(ProvidersConfiguration.class);

	private ObservationRegistry tracingRegistry() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig()
			.observationHandler(new FirstMatchingCompositeObservationHandler(
					new PropagatingSenderTracingObservationHandler<>(this.tracer, this.propagator),
					new PropagatingReceiverTracingObservationHandler<>(this.tracer, this.propagator),
					new DefaultTracingObservationHandler(this.tracer)))
			.observationHandler(new StoppedContexts(this.stopped));
		return registry;
	}

	@Test
	void callAndInvocationAreClientAndServerSpans() {
		this.runner.run((context) -> {
			assertThat(context.getBean(RpcOperations.class).make("trace/echo", "hi", String.class)).isEqualTo("hi");
			SimpleSpan call = awaitSpan("call trace/echo");
			SimpleSpan served = awaitSpan("serve trace/echo");
			assertThat(call.getKind()).isEqualTo(Span.Kind.CLIENT);
			assertThat(call.getRemoteServiceName()).isEqualTo("deepstream");
			assertThat(call.getTags()).containsEntry("rpc.name", "trace/echo").containsEntry("outcome", "SUCCESS");
			assertThat(served.getKind()).isEqualTo(Span.Kind.SERVER);
			assertThat(served.getTags()).containsEntry("rpc.name", "trace/echo").containsEntry("outcome", "SENT");
			assertThat(stoppedContext(RpcInvocationContext.class, "trace/echo").getParentObservation()).isNull();
		});
	}

	@Test
	void callMadeWhileServingARequestIsAChildOfItsSpan() {
		this.runner.run((context) -> {
			assertThat(context.getBean(RpcOperations.class).make("trace/forward", "hi", String.class)).isEqualTo("hi");
			awaitSpan("serve trace/forward");
			awaitSpan("call trace/echo");
			ObservationView parent = stoppedContext(RpcCallContext.class, "trace/echo").getParentObservation();
			assertThat(parent).isNotNull();
			assertThat(parent.getContextView()).isInstanceOfSatisfying(RpcInvocationContext.class,
					(invocation) -> assertThat(invocation.getRpcName()).isEqualTo("trace/forward"));
		});
	}

	@Test
	void failedCallSpanRecordsTheError() {
		this.runner.run((context) -> {
			context.getBean(RpcOperations.class)
				.makeAsync("trace/nobody", null, String.class)
				.handle((result, failure) -> failure)
				.join();
			SimpleSpan call = awaitSpan("call trace/nobody");
			assertThat(call.getError()).isNotNull();
			assertThat(call.getTags()).containsEntry("outcome", "NO_PROVIDER");
		});
	}

	private SimpleSpan awaitSpan(String name) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> spansNamed(name), (spans) -> spans.size() == 1)
			.get(0);
	}

	private Observation.Context stoppedContext(Class<?> type, String rpcName) {
		return this.stopped.stream()
			.filter(type::isInstance)
			.filter((context) -> context.getContextualName().endsWith(" " + rpcName))
			.findFirst()
			.orElseThrow();
	}

	private List<SimpleSpan> spansNamed(String name) {
		return this.tracer.getSpans().stream().filter((span) -> name.equals(span.getName())).toList();
	}

	/**
	 * Keeps the context of every observation that stopped.
	 */
	record StoppedContexts(List<Observation.Context> stopped) implements ObservationHandler<Observation.Context> {

		@Override
		public void onStop(Observation.Context context) {
			this.stopped.add(context);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

	/**
	 * Propagates nothing, like deepstream's protocol: every extraction starts a new
	 * trace.
	 */
	static class NothingPropagated implements Propagator {

		private final SimpleTracer tracer;

		NothingPropagated(SimpleTracer tracer) {
			this.tracer = tracer;
		}

		@Override
		public List<String> fields() {
			return List.of();
		}

		@Override
		public <C> void inject(TraceContext context, @Nullable C carrier, Setter<C> setter) {
		}

		@Override
		public <C> Span.Builder extract(C carrier, Getter<C> getter) {
			return this.tracer.spanBuilder();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ProvidersConfiguration {

		@Bean
		Providers providers(ObjectProvider<RpcOperations> operations) {
			return new Providers(operations);
		}

	}

	static class Providers {

		private final ObjectProvider<RpcOperations> operations;

		Providers(ObjectProvider<RpcOperations> operations) {
			this.operations = operations;
		}

		@RpcProvider("trace/echo")
		String echo(String text) {
			return text;
		}

		@RpcProvider("trace/forward")
		String forward(String text) {
			return this.operations.getObject().make("trace/echo", text, String.class);
		}

	}

}
