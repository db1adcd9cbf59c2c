package dev.deepstreamrpc.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.spring.DefaultRpcErrorHandler;
import dev.deepstreamrpc.spring.RpcAdvice;
import dev.deepstreamrpc.spring.RpcErrorHandler;
import dev.deepstreamrpc.spring.RpcExceptionHandlers;
import dev.deepstreamrpc.spring.RpcPayloadBinder;
import dev.deepstreamrpc.spring.RpcProviderAnnotationBeanPostProcessor;
import dev.deepstreamrpc.spring.RpcProviderEndpointRegistry;
import dev.deepstreamrpc.spring.observation.RpcInvocationObservationConvention;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Registers {@code @RpcProvider} methods: the annotation post-processor, the endpoint
 * registry and the stages of the provider pipeline.
 */
@Configuration(proxyBeanMethods = false)
class DeepstreamRpcProviderConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static RpcProviderAnnotationBeanPostProcessor rpcProviderAnnotationBeanPostProcessor() {
		return new RpcProviderAnnotationBeanPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	RpcErrorHandler rpcErrorHandler(ApplicationContext context) {
		List<Object> advices = new ArrayList<>(context.getBeansWithAnnotation(RpcAdvice.class).values());
		AnnotationAwareOrderComparator.sort(advices);
		return new DefaultRpcErrorHandler(new RpcExceptionHandlers(advices));
	}

	@Bean
	@ConditionalOnMissingBean
	RpcPayloadBinder rpcPayloadBinder() {
		return new RpcPayloadBinder(null);
	}

	@Bean
	@ConditionalOnMissingBean
	RpcProviderEndpointRegistry rpcProviderEndpointRegistry(DeepstreamRpcClient client, RpcErrorHandler errorHandler,
			RpcPayloadBinder payloadBinder, DeepstreamRpcProperties properties,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<RpcInvocationObservationConvention> observationConvention) {
		RpcProviderEndpointRegistry registry = new RpcProviderEndpointRegistry(client, errorHandler, payloadBinder,
				properties.getProvider().getRegistrationTimeout(), properties.getProvider().getShutdownTimeout());
		observationRegistry.ifUnique(registry::setObservationRegistry);
		registry.setObservationConvention(observationConvention.getIfUnique());
		return registry;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(jakarta.validation.Validator.class)
	@ConditionalOnBean(jakarta.validation.Validator.class)
	static class ValidatingPayloadBinderConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RpcPayloadBinder rpcPayloadBinder(jakarta.validation.Validator validator) {
			return new RpcPayloadBinder(new SpringValidatorAdapter(validator));
		}

	}

}
