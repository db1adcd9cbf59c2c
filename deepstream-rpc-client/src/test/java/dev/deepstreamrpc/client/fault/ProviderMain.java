package dev.deepstreamrpc.client.fault;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.RpcRequest;
import dev.deepstreamrpc.client.RpcRequestHandler;
import dev.deepstreamrpc.client.RpcResponse;

/**
 * A provider application in a JVM of its own, for scenarios that crash or freeze a
 * provider: it connects with the fault profile's settings, provides the RPCs named on its
 * command line and prints {@code READY} once the server has acknowledged all of them.
 * <p>
 * Arguments: the server URL, a provider id, then one {@code name=behaviour} per RPC,
 * where the behaviour is {@code echo} (answer the request data at once),
 * {@code slow:<ms>} (answer it after a delay) or {@code hang} (block until interrupted).
 * Before serving a request it prints {@code EXEC <provider id> <request data>}, so that
 * the test counts every execution, even of requests the process then dies with; a hung
 * handler that is interrupted prints {@code INTERRUPTED <provider id> <request data>}.
 */
final class ProviderMain {

	static final String EXECUTED = "EXEC";

	static final String INTERRUPTED = "INTERRUPTED";

	private ProviderMain() {
	}

	public static void main(String[] arguments) throws Exception {
		if (arguments.length < 3) {
			throw new IllegalArgumentException("usage: <url> <provider id> <name=behaviour>...");
		}
		String providerId = arguments[1];
		ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor();
		DeepstreamRpcClient client = FaultProfile.client(URI.create(arguments[0]))
			.providerExecutor(FaultProfile.providerExecutor("provider-" + providerId))
			.build();
		Runtime.getRuntime().addShutdownHook(new Thread(client::close));
		client.connect().join();
		List<CompletableFuture<Void>> registrations = new ArrayList<>();
		for (int i = 2; i < arguments.length; i++) {
			String[] rpc = arguments[i].split("=", 2);
			registrations.add(client.provide(rpc[0], handler(providerId, rpc[1], delays)));
		}
		CompletableFuture.allOf(registrations.toArray(CompletableFuture[]::new)).join();
		System.out.println("READY");
		new CountDownLatch(1).await();
	}

	private static RpcRequestHandler handler(String providerId, String behaviour, ScheduledExecutorService delays) {
		return (request, response) -> {
			String callId = callId(request);
			System.out.println(EXECUTED + " " + providerId + " " + callId);
			serve(providerId, behaviour, callId, response, delays);
		};
	}

	private static void serve(String providerId, String behaviour, String callId, RpcResponse response,
			ScheduledExecutorService delays) {
		if (behaviour.equals("echo")) {
			response.send(callId);
		}
		else if (behaviour.startsWith("slow:")) {
			long millis = Long.parseLong(behaviour.substring("slow:".length()));
			delays.schedule(() -> response.send(callId), millis, TimeUnit.MILLISECONDS);
		}
		else if (behaviour.equals("hang")) {
			try {
				new CountDownLatch(1).await();
			}
			catch (InterruptedException ex) {
				System.out.println(INTERRUPTED + " " + providerId + " " + callId);
			}
		}
		else {
			response.error("unknown behaviour " + behaviour);
		}
	}

	private static String callId(RpcRequest request) {
		String callId = request.data().as(String.class);
		return (callId != null) ? callId : "";
	}

}
