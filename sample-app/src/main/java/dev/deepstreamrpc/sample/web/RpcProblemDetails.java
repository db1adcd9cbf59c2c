package dev.deepstreamrpc.sample.web;

import dev.deepstreamrpc.client.DeepstreamRpcException;
import dev.deepstreamrpc.client.RpcBackpressureException;
import dev.deepstreamrpc.client.RpcClientClosedException;
import dev.deepstreamrpc.client.RpcNoProviderException;
import dev.deepstreamrpc.client.RpcNotConnectedException;
import dev.deepstreamrpc.client.RpcPermissionDeniedException;
import dev.deepstreamrpc.client.RpcRemoteException;
import dev.deepstreamrpc.client.RpcTimeoutException;
import dev.deepstreamrpc.spring.RpcArgumentException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers failed RPC calls with RFC 9457 problem details whose status says what the
 * caller can do: 400 for data the provider refused, 403 for a denied permission, 502 for
 * a provider error (with the provider's error value as {@code error}), 503 when no
 * provider or connection is available and 504 for a timeout. Every RPC problem carries
 * the call's {@code outcome}, which tells whether retrying is safe. As a
 * {@link ResponseEntityExceptionHandler} it also answers Spring MVC's own failures, such
 * as an unreadable body, with problem details.
 */
@RestControllerAdvice
class RpcProblemDetails extends ResponseEntityExceptionHandler {

	@ExceptionHandler
	ProblemDetail remoteError(RpcRemoteException ex) {
		@Nullable JsonNode error = ex.error().as(JsonNode.class);
		String detail = (error != null) ? textOf(error) : ex.getMessage();
		boolean rejectedInput = detail.startsWith(RpcArgumentException.INVALID_ARGUMENT);
		ProblemDetail problem = problem(rejectedInput ? HttpStatus.BAD_REQUEST : HttpStatus.BAD_GATEWAY, detail, ex);
		problem.setProperty("error", error);
		return problem;
	}

	@ExceptionHandler
	ProblemDetail permissionDenied(RpcPermissionDeniedException ex) {
		return problem(HttpStatus.FORBIDDEN, ex);
	}

	@ExceptionHandler
	ProblemDetail timeout(RpcTimeoutException ex) {
		ProblemDetail problem = problem(HttpStatus.GATEWAY_TIMEOUT, ex);
		problem.setProperty("phase", ex.phase());
		return problem;
	}

	@ExceptionHandler({ RpcNoProviderException.class, RpcNotConnectedException.class, RpcBackpressureException.class,
			RpcClientClosedException.class })
	ProblemDetail unavailable(DeepstreamRpcException ex) {
		return problem(HttpStatus.SERVICE_UNAVAILABLE, ex);
	}

	@ExceptionHandler
	ProblemDetail otherFailure(DeepstreamRpcException ex) {
		return problem(HttpStatus.BAD_GATEWAY, ex);
	}

	private static String textOf(JsonNode error) {
		return error.isString() ? error.stringValue() : error.toString();
	}

	private static ProblemDetail problem(HttpStatus status, DeepstreamRpcException ex) {
		return problem(status, ex.getMessage(), ex);
	}

	private static ProblemDetail problem(HttpStatus status, @Nullable String detail, DeepstreamRpcException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setProperty("outcome", ex.outcome());
		return problem;
	}

}
