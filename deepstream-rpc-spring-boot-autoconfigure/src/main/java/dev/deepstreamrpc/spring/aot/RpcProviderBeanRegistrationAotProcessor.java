package dev.deepstreamrpc.spring.aot;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Set;

import dev.deepstreamrpc.spring.RpcExceptionHandler;
import dev.deepstreamrpc.spring.RpcProvider;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.util.ClassUtils;

/**
 * Registers, for every bean with {@link RpcProvider} or {@link RpcExceptionHandler}
 * methods, the reflection that serving requests needs at run time: invoking those methods
 * and binding their payloads with Jackson. The methods are found as the bean
 * post-processor finds them, so meta-annotations count; annotations inherited from
 * interfaces or superclasses count too, since a hint too many costs nothing.
 */
final class RpcProviderBeanRegistrationAotProcessor implements BeanRegistrationAotProcessor {

	@Override
	public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
		Class<?> beanClass = ClassUtils.getUserClass(registeredBean.getBeanClass());
		Set<Method> providers = annotated(beanClass, RpcProvider.class);
		Set<Method> handlers = annotated(beanClass, RpcExceptionHandler.class);
		if (providers.isEmpty() && handlers.isEmpty()) {
			return null;
		}
		RpcMethodHints hints = new RpcMethodHints(beanClass);
		return (generationContext, code) -> {
			providers.forEach((method) -> hints.registerProvider(generationContext.getRuntimeHints(), method));
			handlers.forEach((method) -> hints.registerExceptionHandler(generationContext.getRuntimeHints(), method));
		};
	}

	private static Set<Method> annotated(Class<?> beanClass, Class<? extends Annotation> type) {
		MethodIntrospector.MetadataLookup<Boolean> lookup = (
				method) -> MergedAnnotations.from(method, SearchStrategy.TYPE_HIERARCHY).isPresent(type) ? Boolean.TRUE
						: null;
		return MethodIntrospector.selectMethods(beanClass, lookup).keySet();
	}

}
