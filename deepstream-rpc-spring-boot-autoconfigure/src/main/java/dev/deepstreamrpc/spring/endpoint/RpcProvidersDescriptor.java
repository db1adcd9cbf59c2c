package dev.deepstreamrpc.spring.endpoint;

import java.util.Map;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The application's providers, as the {@code rpcproviders} endpoint lists them.
 *
 * @param providers the providers by RPC name
 */
public record RpcProvidersDescriptor(Map<String, RpcProviderDescriptor> providers) implements OperationResponseBody {

}
