package dev.deepstreamrpc.spring;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.stream.Collectors;

import dev.deepstreamrpc.client.Payload;
import dev.deepstreamrpc.client.RpcSerializationException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;

/**
 * Binds request data to a provider method's payload parameter and, when the parameter is
 * annotated {@code @Valid} or {@code @Validated} and a validator is present, validates
 * it. Data that does not fit or is invalid raises {@link RpcArgumentException} so that
 * the method is not invoked.
 */
public final class RpcPayloadBinder {

	private final @Nullable Validator validator;

	/**
	 * Creates a binder.
	 * @param validator the validator for {@code @Valid} payloads, or {@code null} to skip
	 * validation
	 */
	public RpcPayloadBinder(@Nullable Validator validator) {
		this.validator = validator;
	}

	Binding binding(MethodParameter parameter, Type type) {
		boolean primitive = parameter.getParameterType().isPrimitive();
		boolean validated = this.validator != null && isValidated(parameter);
		return (data) -> {
			Object value = convert(data, type);
			if (value == null && primitive) {
				throw new RpcArgumentException(RpcArgumentException.INVALID_ARGUMENT);
			}
			if (validated && value != null) {
				validate(value);
			}
			return value;
		};
	}

	private static @Nullable Object convert(Payload data, Type type) {
		try {
			return data.as(type);
		}
		catch (RpcSerializationException ex) {
			throw new RpcArgumentException(RpcArgumentException.INVALID_ARGUMENT, ex);
		}
	}

	private void validate(Object value) {
		Errors errors = this.validator.validateObject(value);
		if (errors.hasErrors()) {
			throw new RpcArgumentException(RpcArgumentException.INVALID_ARGUMENT + ": " + describe(errors));
		}
	}

	private static String describe(Errors errors) {
		return errors.getAllErrors()
			.stream()
			.map((error) -> (error instanceof FieldError field) ? field.getField() + " " + field.getDefaultMessage()
					: error.getDefaultMessage())
			.collect(Collectors.joining(", "));
	}

	private static boolean isValidated(MethodParameter parameter) {
		for (Annotation annotation : parameter.getParameterAnnotations()) {
			if (annotation instanceof Validated
					|| annotation.annotationType().getName().equals("jakarta.validation.Valid")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Binds the data of one request.
	 */
	@FunctionalInterface
	interface Binding {

		@Nullable Object bind(Payload data);

	}

}
