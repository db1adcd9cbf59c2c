package dev.deepstreamrpc.benchmarks.load;

import java.util.ArrayList;
import java.util.List;

import dev.deepstreamrpc.spring.RpcOperations;
import dev.deepstreamrpc.spring.RpcProvider;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A load worker process on the Spring integration: the requestor calls through the
 * auto-configured {@link RpcOperations} ({@code RpcTemplate}) of one application context,
 * and each provider is an {@link RpcProvider} method in an application context of its
 * own, so that each has its own connection as in {@link JavaWorker}.
 */
public final class SpringWorker {

	private SpringWorker() {
	}

	/**
	 * Runs the worker.
	 * @param args the server URL, the RPC name prefix, the number of providers and,
	 * optionally, {@code io-thread} to run the provider methods on the I/O thread
	 * ({@code deepstream.rpc.provider.run-on-io-thread}) instead of the default executor
	 * @throws Exception if the worker cannot start
	 */
	public static void main(String[] args) throws Exception {
		String url = args[0];
		String prefix = args[1];
		int providers = Integer.parseInt(args[2]);
		boolean ioThread = args.length > 3 && "io-thread".equals(args[3]);
		List<ConfigurableApplicationContext> contexts = new ArrayList<>();
		try {
			ConfigurableApplicationContext requestor = start(url, prefix, Requestor.class, false);
			contexts.add(requestor);
			for (int i = 1; i <= providers; i++) {
				contexts.add(start(url, prefix, (i == 1) ? FirstProvider.class : OtherProvider.class, ioThread));
			}
			RpcOperations rpc = requestor.getBean(RpcOperations.class);
			new WorkerLoop((name, data) -> rpc.makeAsync(name, data, String.class)).run();
		}
		finally {
			contexts.forEach(ConfigurableApplicationContext::close);
		}
	}

	private static ConfigurableApplicationContext start(String url, String prefix, Class<?> configuration,
			boolean ioThread) {
		return new SpringApplicationBuilder(configuration).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("deepstream.rpc.url=" + url, "bench.prefix=" + prefix, "spring.main.banner-mode=off",
					"logging.level.root=WARN", "deepstream.rpc.provider.run-on-io-thread=" + ioThread)
			.run();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Requestor {

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class FirstProvider {

		@Bean
		SingleEcho singleEcho() {
			return new SingleEcho();
		}

		@Bean
		SharedEcho sharedEcho() {
			return new SharedEcho();
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class OtherProvider {

		@Bean
		SharedEcho sharedEcho() {
			return new SharedEcho();
		}

	}

	static class SingleEcho {

		@RpcProvider("${bench.prefix}-1")
		String echo(String data) {
			return data;
		}

	}

	static class SharedEcho {

		@RpcProvider("${bench.prefix}-4")
		String echo(String data) {
			return data;
		}

	}

}
