package dev.deepstreamrpc.benchmarks.load;

import java.util.ArrayList;
import java.util.List;

import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.DeepstreamRpcClientBuilder;
import dev.deepstreamrpc.client.RpcRequestHandler;
import dev.deepstreamrpc.client.transport.NettyWebSocketTransport;
import org.jspecify.annotations.Nullable;

/**
 * A load worker process on the plain Java client: one requestor client and up to four
 * provider clients, each its own connection, with default settings except that the
 * providers run their echo handler, which never blocks, on the I/O thread, as the JS
 * client does. The Spring worker keeps the default provider executor. With the option
 * {@code netty} all the clients share one {@link NettyWebSocketTransport}, as the JS
 * worker's clients share one event loop.
 */
public final class JavaWorker {

	private JavaWorker() {
	}

	/**
	 * Runs the worker.
	 * @param args the server URL, the RPC name prefix and the number of providers
	 * @throws Exception if the worker cannot start
	 */
	public static void main(String[] args) throws Exception {
		String url = args[0];
		String prefix = args[1];
		int providers = Integer.parseInt(args[2]);
		NettyWebSocketTransport netty = (args.length > 3 && args[3].equals("netty")) ? new NettyWebSocketTransport()
				: null;
		List<DeepstreamRpcClient> clients = new ArrayList<>();
		DeepstreamRpcClient requestor = connect(builder(url, netty), clients);
		RpcRequestHandler echo = (request, response) -> response.send(request.data().as(String.class));
		for (int i = 1; i <= providers; i++) {
			DeepstreamRpcClient provider = connect(builder(url, netty).providerHandlersOnIoThread(), clients);
			if (i == 1) {
				provider.provide(prefix + "-1", echo).join();
			}
			provider.provide(prefix + "-4", echo).join();
		}
		try {
			new WorkerLoop((name, data) -> requestor.make(name, data).thenApply((payload) -> payload.as(String.class)))
				.run();
		}
		finally {
			clients.forEach(DeepstreamRpcClient::close);
			if (netty != null) {
				netty.close();
			}
		}
	}

	private static DeepstreamRpcClientBuilder builder(String url, @Nullable NettyWebSocketTransport netty) {
		DeepstreamRpcClientBuilder builder = DeepstreamRpcClient.builder(url);
		return (netty != null) ? builder.transport(netty) : builder;
	}

	private static DeepstreamRpcClient connect(DeepstreamRpcClientBuilder builder, List<DeepstreamRpcClient> clients) {
		DeepstreamRpcClient client = builder.build();
		clients.add(client);
		client.connect().join();
		return client;
	}

}
