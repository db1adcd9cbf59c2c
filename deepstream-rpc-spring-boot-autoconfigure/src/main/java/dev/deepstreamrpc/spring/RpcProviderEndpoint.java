package dev.deepstreamrpc.spring;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

import dev.deepstreamrpc.client.ProviderOptions;

import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * One provided RPC: its name, the bean method that serves it and how requests are
 * accepted.
 */
public final class RpcProviderEndpoint {

	private final String name;

	private final Object bean;

	private final Method method;

	private final ProviderOptions options;

	/**
	 * Creates an endpoint.
	 * @param name the RPC name
	 * @param bean the bean, possibly a proxy, on which the method is invoked
	 * @param method the method, as declared on the bean's target class
	 * @param options how requests are accepted
	 */
	public RpcProviderEndpoint(String name, Object bean, Method method, ProviderOptions options) {
		Assert.hasText(name, "'name' must not be empty");
		this.name = name;
		this.bean = bean;
		this.method = method;
		this.options = options;
	}

	public String getName() {
		return this.name;
	}

	public Object getBean() {
		return this.bean;
	}

	public Method getMethod() {
		return this.method;
	}

	public ProviderOptions getOptions() {
		return this.options;
	}

	/**
	 * The method in a readable form, such as {@code Calculator.add(AddRequest)}, for
	 * messages.
	 * @return the description
	 */
	public String getMethodDescription() {
		String parameters = Arrays.stream(this.method.getParameterTypes())
			.map(Class::getSimpleName)
			.collect(Collectors.joining(", "));
		return ClassUtils.getShortName(this.method.getDeclaringClass()) + "." + this.method.getName() + "(" + parameters
				+ ")";
	}

	@Override
	public String toString() {
		return "RPC '" + this.name + "' provided by " + getMethodDescription();
	}

}
