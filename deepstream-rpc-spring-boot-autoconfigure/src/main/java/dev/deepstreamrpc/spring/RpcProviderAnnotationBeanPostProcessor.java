package dev.deepstreamrpc.spring;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.deepstreamrpc.client.ProviderOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Finds {@link RpcProvider} methods on beans and hands them, as
 * {@link RpcProviderEndpoint endpoints}, to the {@link RpcProviderEndpointRegistry} once
 * every singleton exists. It only collects: registering with the server is the registry's
 * job when the context starts.
 * <p>
 * Thread-safe: beans may be post-processed concurrently.
 */
public class RpcProviderAnnotationBeanPostProcessor
		implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton, Ordered {

	private final Set<Class<?>> classesWithoutProviders = ConcurrentHashMap.newKeySet();

	private final Map<String, RpcProviderEndpoint> endpoints = new ConcurrentHashMap<>();

	private @Nullable ConfigurableBeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		Assert.isInstanceOf(ConfigurableBeanFactory.class, beanFactory);
		this.beanFactory = (ConfigurableBeanFactory) beanFactory;
	}

	@Override
	public int getOrder() {
		return LOWEST_PRECEDENCE;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		Class<?> targetClass = AopProxyUtils.ultimateTargetClass(bean);
		if (this.classesWithoutProviders.contains(targetClass)) {
			return bean;
		}
		Map<Method, MergedAnnotation<RpcProvider>> methods = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<MergedAnnotation<RpcProvider>>) (method) -> {
					MergedAnnotation<RpcProvider> annotation = MergedAnnotations.from(method).get(RpcProvider.class);
					return annotation.isPresent() ? annotation : null;
				});
		if (methods.isEmpty()) {
			this.classesWithoutProviders.add(targetClass);
			return bean;
		}
		methods.forEach((method, annotation) -> add(endpoint(bean, method, annotation)));
		return bean;
	}

	private RpcProviderEndpoint endpoint(Object bean, Method method, MergedAnnotation<RpcProvider> annotation) {
		String name = resolve(annotation.getString("name"));
		if (!StringUtils.hasText(name)) {
			throw new BeanInitializationException("@RpcProvider on " + method + " has no RPC name");
		}
		ProviderOptions options = ProviderOptions.defaults()
			.withAutoAck(annotation.getBoolean("autoAck"))
			.withMaxConcurrency(annotation.getInt("maxConcurrency"));
		return new RpcProviderEndpoint(name, bean, method, options);
	}

	private void add(RpcProviderEndpoint endpoint) {
		RpcProviderEndpoint existing = this.endpoints.putIfAbsent(endpoint.getName(), endpoint);
		if (existing != null && !existing.getMethod().equals(endpoint.getMethod())) {
			throw new BeanInitializationException("RPC '" + endpoint.getName() + "' is provided twice: by "
					+ existing.getMethodDescription() + " and by " + endpoint.getMethodDescription());
		}
	}

	private String resolve(String value) {
		String resolved = (this.beanFactory != null) ? this.beanFactory.resolveEmbeddedValue(value) : value;
		return (resolved != null) ? resolved : value;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Assert.state(this.beanFactory != null, "No bean factory");
		RpcProviderEndpointRegistry registry = this.beanFactory.getBean(RpcProviderEndpointRegistry.class);
		List<RpcProviderEndpoint> collected = new ArrayList<>(this.endpoints.values());
		collected.forEach(registry::register);
	}

}
