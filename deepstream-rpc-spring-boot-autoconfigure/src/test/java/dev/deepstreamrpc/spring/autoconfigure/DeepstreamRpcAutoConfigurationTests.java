package dev.deepstreamrpc.spring.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import dev.deepstreamrpc.client.AuthDataSupplier;
import dev.deepstreamrpc.client.DeepstreamRpcClient;
import dev.deepstreamrpc.client.DeepstreamRpcClientBuilder;
import dev.deepstreamrpc.client.JacksonPayloadCodec;
import dev.deepstreamrpc.client.Payload;
import dev.deepstreamrpc.client.PayloadCodec;
import dev.deepstreamrpc.client.ProviderState;
import dev.deepstreamrpc.client.ProviderWorkQueue;
import dev.deepstreamrpc.client.RpcRequest;
import dev.deepstreamrpc.client.RpcResponse;
import dev.deepstreamrpc.client.connection.ConnectionState;
import dev.deepstreamrpc.client.connection.ReconnectBackoff;
import dev.deepstreamrpc.client.transport.Transport;
import dev.deepstreamrpc.spring.DeepstreamRpcClientLifecycle;
import dev.deepstreamrpc.spring.DeepstreamStartupException;
import dev.deepstreamrpc.spring.DefaultRpcErrorHandler;
import dev.deepstreamrpc.spring.RpcAdvice;
import dev.deepstreamrpc.spring.RpcErrorHandler;
import dev.deepstreamrpc.spring.RpcExceptionHandler;
import dev.deepstreamrpc.spring.RpcOperations;
import dev.deepstreamrpc.spring.RpcPayloadBinder;
import dev.deepstreamrpc.spring.RpcProvider;
import dev.deepstreamrpc.spring.RpcProviderAnnotationBeanPostProcessor;
import dev.deepstreamrpc.spring.RpcProviderEndpoint;
import dev.deepstreamrpc.spring.RpcProviderEndpointRegistry;
import dev.deepstreamrpc.spring.RpcTemplate;
import dev.deepstreamrpc.spring.transport.SpringWebSocketTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.ApplicationContextException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.WebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link DeepstreamRpcAutoConfiguration}. No server is needed: with fail-fast
 * off the client keeps trying to connect in the background until its context closes.
 */
class DeepstreamRpcAutoConfigurationTests {

	private static final String PROVIDER_EXECUTOR = "deepstreamRpcProviderExecutor";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DeepstreamRpcAutoConfiguration.class))
		.withPropertyValues("deepstream.rpc.fail-fast=false");

	@Test
	void autoConfigurationDefinesClientAndIntegrationBeans() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(DeepstreamRpcProperties.class);
			assertThat(context).hasSingleBean(DeepstreamRpcClient.class);
			assertThat(context).hasSingleBean(DeepstreamRpcClientBuilder.class);
			assertThat(context).getBean(RpcOperations.class).isInstanceOf(RpcTemplate.class);
			assertThat(context).hasSingleBean(DeepstreamRpcClientLifecycle.class);
			assertThat(context).hasSingleBean(RpcProviderEndpointRegistry.class);
			assertThat(context).hasSingleBean(RpcProviderAnnotationBeanPostProcessor.class);
			assertThat(context).getBean(RpcErrorHandler.class).isInstanceOf(DefaultRpcErrorHandler.class);
			assertThat(context).hasSingleBean(RpcPayloadBinder.class);
			assertThat(context).getBean(PayloadCodec.class).isInstanceOf(JacksonPayloadCodec.class);
			assertThat(context).getBean(DeepstreamConnectionDetails.class)
				.isInstanceOf(PropertiesDeepstreamConnectionDetails.class);
			assertThat(context).doesNotHaveBean(Transport.class);
			assertThat(context).getBean(PROVIDER_EXECUTOR).isInstanceOf(ThreadPoolTaskExecutor.class);
		});
	}

	@Test
	void clientIsBuiltFromContextBeans() {
		this.contextRunner.run((context) -> {
			DeepstreamRpcClientBuilder builder = context.getBean(DeepstreamRpcClientBuilder.class);
			assertThat(field(builder, "payloadCodec")).isSameAs(context.getBean(PayloadCodec.class));
			assertThat(field(builder, "providerExecutor")).isSameAs(context.getBean(PROVIDER_EXECUTOR));
		});
	}

	@Test
	void clientBuilderIsPrototype() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBeanFactory().getBeanDefinition("deepstreamRpcClientBuilder").isPrototype()).isTrue();
			assertThat(context.getBean(DeepstreamRpcClientBuilder.class))
				.isNotSameAs(context.getBean(DeepstreamRpcClientBuilder.class));
		});
	}

	@Test
	void clientStartsConnectingWithoutWaitingWhenFailFastIsOff() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(DeepstreamRpcClientLifecycle.class).isRunning()).isTrue();
			assertThat(context.getBean(DeepstreamRpcClient.class).state()).isNotIn(ConnectionState.NEW,
					ConnectionState.CLOSED);
		});
	}

	@Test
	void contextFailsToStartWhenFailFastAndServerIsUnreachable() {
		this.contextRunner
			.withPropertyValues("deepstream.rpc.fail-fast=true", "deepstream.rpc.url=ws://127.0.0.1:1/deepstream",
					"deepstream.rpc.connect-timeout=5s")
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(ApplicationContextException.class)
				.cause()
				.isInstanceOf(DeepstreamStartupException.class));
	}

	@Test
	void clientIsClosedWithContext() {
		AtomicReference<DeepstreamRpcClient> client = new AtomicReference<>();
		this.contextRunner.run((context) -> client.set(context.getBean(DeepstreamRpcClient.class)));
		assertThat(client.get().state()).isEqualTo(ConnectionState.CLOSED);
	}

	@Test
	void autoConfigurationIsDisabledWhenEnabledPropertyIsFalse() {
		this.contextRunner.withPropertyValues("deepstream.rpc.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(DeepstreamRpcProperties.class);
			assertThat(context).doesNotHaveBean(DeepstreamConnectionDetails.class);
			assertThat(context).doesNotHaveBean(DeepstreamRpcClient.class);
			assertThat(context).doesNotHaveBean(DeepstreamRpcClientBuilder.class);
			assertThat(context).doesNotHaveBean(RpcOperations.class);
			assertThat(context).doesNotHaveBean(DeepstreamRpcClientLifecycle.class);
			assertThat(context).doesNotHaveBean(RpcProviderEndpointRegistry.class);
			assertThat(context).doesNotHaveBean(RpcProviderAnnotationBeanPostProcessor.class);
			assertThat(context).doesNotHaveBean(RpcErrorHandler.class);
			assertThat(context).doesNotHaveBean(RpcPayloadBinder.class);
			assertThat(context).doesNotHaveBean(PayloadCodec.class);
			assertThat(context).doesNotHaveBean(Transport.class);
			assertThat(context).doesNotHaveBean(PROVIDER_EXECUTOR);
		});
	}

	@Test
	void autoConfigurationIsDisabledWithoutClientOnClasspath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(DeepstreamRpcClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(DeepstreamRpcProperties.class)
				.doesNotHaveBean(RpcProviderEndpointRegistry.class));
	}

	@Test
	void autoConfigurationBacksOffWhenUserProvidesDeepstreamRpcClient() throws InterruptedException {
		DeepstreamRpcClient client = mockClient();
		this.contextRunner.withBean(DeepstreamRpcClient.class, () -> client).run((context) -> {
			assertThat(context).getBean(DeepstreamRpcClient.class).isSameAs(client);
			assertThat(context).hasSingleBean(RpcOperations.class);
			then(client).should().connect();
		});
	}

	@Test
	void autoConfigurationBacksOffWhenUserProvidesClientBuilder() {
		DeepstreamRpcClientBuilder builder = DeepstreamRpcClient.builder("ws://127.0.0.1:1/deepstream");
		this.contextRunner.withBean(DeepstreamRpcClientBuilder.class, () -> builder)
			.withPropertyValues("deepstream.rpc.connect-timeout=3s")
			.run((context) -> {
				assertThat(context).getBean(DeepstreamRpcClientBuilder.class).isSameAs(builder);
				assertThat(field(builder, "connectTimeout")).isEqualTo(Duration.ofSeconds(10));
			});
	}

	@Test
	void autoConfigurationBacksOffWhenUserProvidesRpcOperations() {
		RpcOperations operations = mock(RpcOperations.class);
		this.contextRunner.withBean(RpcOperations.class, () -> operations).run((context) -> {
			assertThat(context).getBean(RpcOperations.class).isSameAs(operations);
			assertThat(context).doesNotHaveBean(RpcTemplate.class);
		});
	}

	@Test
	void autoConfigurationBacksOffWhenUserProvidesRpcTemplate() {
		this.contextRunner.withUserConfiguration(UserTemplateConfiguration.class)
			.run((context) -> assertThat(context).getBean(RpcOperations.class)
				.isSameAs(context.getBean("userRpcTemplate")));
	}

	@Test
	void autoConfigurationBacksOffWhenUserProvidesConnectionDetails() {
		URI url = URI.create("ws://127.0.0.1:1/user");
		DeepstreamConnectionDetails connectionDetails = () -> url;
		this.contextRunner.withBean(DeepstreamConnectionDetails.class, () -> connectionDetails)
			.withPropertyValues("deepstream.rpc.url=ws://127.0.0.1:1/properties",
					"deepstream.rpc.authentication.username=ada")
			.run((context) -> {
				assertThat(context).getBean(DeepstreamConnectionDetails.class).isSameAs(connectionDetails);
				DeepstreamRpcClientBuilder builder = context.getBean(DeepstreamRpcClientBuilder.class);
				assertThat(field(builder, "uris")).isEqualTo(List.of(url));
				assertThat(authData(builder)).isEmpty();
			});
	}

	@Test
	void autoConfigurationBacksOffWhenUserProvidesPayloadCodec() {
		PayloadCodec codec = new JacksonPayloadCodec();
		this.contextRunner.withBean(PayloadCodec.class, () -> codec).run((context) -> {
			assertThat(context).getBean(PayloadCodec.class).isSameAs(codec);
			assertThat(field(context.getBean(DeepstreamRpcClientBuilder.class), "payloadCodec")).isSameAs(codec);
		});
	}

	@Test
	void autoConfigurationBacksOffWhenUserProvidesTransport() {
		Transport transport = (uri, timeout, listener) -> CompletableFuture
			.failedFuture(new IOException("No network in this test"));
		this.contextRunner.withBean(Transport.class, () -> transport).run((context) -> {
			assertThat(context).getBean(Transport.class).isSameAs(transport);
			assertThat(field(context.getBean(DeepstreamRpcClientBuilder.class), "transport")).isSameAs(transport);
		});
	}

	@Test
	void autoConfigurationBacksOffWhenUserProvidesRpcErrorHandler() {
		RpcErrorHandler errorHandler = (failure, request, response) -> response.reject();
		this.contextRunner.withBean(RpcErrorHandler.class, () -> errorHandler)
			.run((context) -> assertThat(context).getBean(RpcErrorHandler.class).isSameAs(errorHandler));
	}

	@Test
	void autoConfigurationBacksOffWhenUserProvidesRpcPayloadBinder() {
		RpcPayloadBinder binder = new RpcPayloadBinder(null);
		this.contextRunner.withBean(RpcPayloadBinder.class, () -> binder)
			.run((context) -> assertThat(context).getBean(RpcPayloadBinder.class).isSameAs(binder));
	}

	@Test
	void autoConfigurationBacksOffWhenUserProvidesRpcPayloadBinderAndValidatorExists() {
		RpcPayloadBinder binder = new RpcPayloadBinder(null);
		this.contextRunner.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
			.withBean(RpcPayloadBinder.class, () -> binder)
			.run((context) -> assertThat(context).getBean(RpcPayloadBinder.class).isSameAs(binder));
	}

	@Test
	void autoConfigurationBacksOffWhenUserProvidesProviderExecutor() {
		Executor executor = Runnable::run;
		this.contextRunner.withBean(PROVIDER_EXECUTOR, Executor.class, () -> executor).run((context) -> {
			assertThat(context).getBean(PROVIDER_EXECUTOR).isSameAs(executor);
			assertThat(context).doesNotHaveBean(ThreadPoolTaskExecutor.class);
			assertThat(field(context.getBean(DeepstreamRpcClientBuilder.class), "providerExecutor")).isSameAs(executor);
		});
	}

	@Test
	void providerExecutorIsNotReplacedByExecutorsWithOtherNames() {
		Executor executor = Runnable::run;
		this.contextRunner.withBean("applicationTaskExecutor", Executor.class, () -> executor).run((context) -> {
			assertThat(context).getBean(PROVIDER_EXECUTOR).isInstanceOf(ThreadPoolTaskExecutor.class);
			assertThat(field(context.getBean(DeepstreamRpcClientBuilder.class), "providerExecutor"))
				.isSameAs(context.getBean(PROVIDER_EXECUTOR));
		});
	}

	@Test
	void autoConfigurationBacksOffWhenUserProvidesRpcProviderEndpointRegistry() {
		this.contextRunner.withUserConfiguration(UserRegistryConfiguration.class)
			.run((context) -> assertThat(context).getBean(RpcProviderEndpointRegistry.class)
				.isSameAs(context.getBean("userRegistry")));
	}

	@Test
	void transportIsNotDefinedWithoutSpringWebSocket() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebSocketClient.class)).run((context) -> {
			assertThat(context).doesNotHaveBean(Transport.class);
			assertThat(context).hasSingleBean(DeepstreamRpcClient.class);
			assertThat(field(context.getBean(DeepstreamRpcClientBuilder.class), "transport")).isNull();
		});
	}

	@Test
	void clientUsesTheTransportBean() {
		this.contextRunner.withBean(Transport.class, SpringWebSocketTransport::new).run((context) -> {
			DeepstreamRpcClientBuilder builder = context.getBean(DeepstreamRpcClientBuilder.class);
			assertThat(field(builder, "transport")).isSameAs(context.getBean(Transport.class));
		});
	}

	@Test
	void transportConnectsThroughApplicationWebSocketClient() {
		WebSocketClient webSocketClient = mock(WebSocketClient.class);
		given(webSocketClient.execute(any(WebSocketHandler.class), any(WebSocketHttpHeaders.class), any(URI.class)))
			.willReturn(new CompletableFuture<WebSocketSession>());
		this.contextRunner.withBean(WebSocketClient.class, () -> webSocketClient)
			.withPropertyValues("deepstream.rpc.url=ws://127.0.0.1:1/deepstream")
			.run((context) -> await().untilAsserted(() -> then(webSocketClient).should(atLeastOnce())
				.execute(any(WebSocketHandler.class), any(WebSocketHttpHeaders.class),
						eq(URI.create("ws://127.0.0.1:1/deepstream")))));
	}

	@Test
	void transportStopsWebSocketContainerThreadsWhenContextCloses() {
		Set<Thread> before = webSocketContainerThreads();
		this.contextRunner.withBean(Transport.class, SpringWebSocketTransport::new)
			.withPropertyValues("deepstream.rpc.url=ws://127.0.0.1:1/deepstream")
			.run((context) -> await().until(() -> !webSocketContainerThreads().isEmpty()));
		await().untilAsserted(() -> assertThat(webSocketContainerThreads()).isSubsetOf(before));
	}

	@Test
	void userAuthDataSupplierTakesPrecedenceOverAuthenticationProperties() {
		AuthDataSupplier supplier = () -> Map.of("token", "abc");
		this.contextRunner.withBean(AuthDataSupplier.class, () -> supplier)
			.withPropertyValues("deepstream.rpc.authentication.username=ada",
					"deepstream.rpc.authentication.password=secret")
			.run((context) -> assertThat(authData(context.getBean(DeepstreamRpcClientBuilder.class)))
				.isEqualTo(Map.of("token", "abc")));
	}

	@Test
	void clientLogsInWithAuthenticationProperties() {
		this.contextRunner
			.withPropertyValues("deepstream.rpc.authentication.username=ada",
					"deepstream.rpc.authentication.password=secret", "deepstream.rpc.authentication.data.tenant=acme")
			.run((context) -> assertThat(authData(context.getBean(DeepstreamRpcClientBuilder.class)))
				.isEqualTo(Map.of("username", "ada", "password", "secret", "tenant", "acme")));
	}

	@Test
	void propertiesHaveDefaults() {
		this.contextRunner.run((context) -> {
			DeepstreamRpcProperties properties = context.getBean(DeepstreamRpcProperties.class);
			assertThat(properties.isEnabled()).isTrue();
			assertThat(properties.getUrl()).isNull();
			assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.getMaxMessageSize()).isEqualTo(DataSize.ofBytes(1024 * 1024 - 512));
			assertThat(properties.getMaxInFlightCalls()).isEqualTo(10_000);
			assertThat(properties.getAuthentication().getUsername()).isNull();
			assertThat(properties.getAuthentication().getPassword()).isNull();
			assertThat(properties.getAuthentication().getData()).isEmpty();
			assertThat(properties.getHeartbeat().getPingInterval()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.getHeartbeat().getDeadAfter()).isNull();
			assertThat(properties.getReconnect().getInitialDelay()).isEqualTo(Duration.ofMillis(500));
			assertThat(properties.getReconnect().getMaxDelay()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.getReconnect().getLoginRetryDelay()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.getServer().getAckTimeout()).isEqualTo(Duration.ofSeconds(1));
			assertThat(properties.getServer().getResponseTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.getTemplate().getDeadline()).isNull();
			assertThat(properties.getProvider().getShutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.getProvider().getRegistrationTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.getProvider().getExecutor().getThreads()).isEqualTo(16);
			assertThat(properties.getProvider().getExecutor().getQueueCapacity()).isEqualTo(1000);
		});
	}

	@Test
	void failFastIsOnByDefault() {
		assertThat(new DeepstreamRpcProperties().isFailFast()).isTrue();
	}

	@Test
	void propertiesBindEveryKey() {
		this.contextRunner.withPropertyValues(everyProperty()).run((context) -> {
			DeepstreamRpcProperties properties = context.getBean(DeepstreamRpcProperties.class);
			assertThat(properties.getUrl()).isEqualTo(URI.create("ws://127.0.0.1:1/deepstream"));
			assertThat(properties.isFailFast()).isFalse();
			assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(3));
			assertThat(properties.getMaxMessageSize()).isEqualTo(DataSize.ofKilobytes(64));
			assertThat(properties.getMaxInFlightCalls()).isEqualTo(100);
			assertThat(properties.getAuthentication().getUsername()).isEqualTo("ada");
			assertThat(properties.getAuthentication().getPassword()).isEqualTo("secret");
			assertThat(properties.getAuthentication().getData()).containsExactly(Map.entry("tenant", "acme"));
			assertThat(properties.getHeartbeat().getPingInterval()).isEqualTo(Duration.ofSeconds(2));
			assertThat(properties.getHeartbeat().getDeadAfter()).isEqualTo(Duration.ofSeconds(7));
			assertThat(properties.getReconnect().getInitialDelay()).isEqualTo(Duration.ofMillis(200));
			assertThat(properties.getReconnect().getMaxDelay()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.getReconnect().getLoginRetryDelay()).isEqualTo(Duration.ofSeconds(4));
			assertThat(properties.getServer().getAckTimeout()).isEqualTo(Duration.ofSeconds(2));
			assertThat(properties.getServer().getResponseTimeout()).isEqualTo(Duration.ofSeconds(20));
			assertThat(properties.getTemplate().getDeadline()).isEqualTo(Duration.ofSeconds(15));
			assertThat(properties.getProvider().getShutdownTimeout()).isEqualTo(Duration.ofSeconds(6));
			assertThat(properties.getProvider().getRegistrationTimeout()).isEqualTo(Duration.ofSeconds(8));
			assertThat(properties.getProvider().getExecutor().getThreads()).isEqualTo(4);
			assertThat(properties.getProvider().getExecutor().getQueueCapacity()).isEqualTo(20);
		});
	}

	@Test
	void clientBuilderGetsClientDefaultsWithoutProperties() {
		this.contextRunner.run((context) -> {
			DeepstreamRpcClientBuilder builder = context.getBean(DeepstreamRpcClientBuilder.class);
			assertThat(field(builder, "uris")).isEqualTo(List.of(URI.create("ws://localhost:6020/deepstream")));
			assertThat(field(builder, "connectTimeout")).isEqualTo(Duration.ofSeconds(10));
			assertThat(field(builder, "maxMessageSize")).isEqualTo(DeepstreamRpcClientBuilder.DEFAULT_MAX_MESSAGE_SIZE);
			assertThat(field(builder, "maxInFlightCalls")).isEqualTo(10_000);
			assertThat(field(builder, "pingInterval")).isEqualTo(Duration.ofSeconds(10));
			assertThat(field(builder, "deadAfter")).isNull();
			assertThat(field(builder, "loginRetryDelay")).isEqualTo(Duration.ofSeconds(30));
			assertThat(field(builder, "serverAckTimeout")).isEqualTo(Duration.ofSeconds(1));
			assertThat(field(builder, "serverResponseTimeout")).isEqualTo(Duration.ofSeconds(10));
			assertThat(field(builder, "defaultDeadline")).isNull();
			assertThat(field(builder, "provideAckTimeout")).isEqualTo(Duration.ofSeconds(5));
			assertThat(authData(builder)).isEmpty();
		});
	}

	@Test
	void clientBuilderAppliesProperties() {
		this.contextRunner.withPropertyValues(everyProperty()).run((context) -> {
			DeepstreamRpcClientBuilder builder = context.getBean(DeepstreamRpcClientBuilder.class);
			assertThat(field(builder, "uris")).isEqualTo(List.of(URI.create("ws://127.0.0.1:1/deepstream")));
			assertThat(field(builder, "connectTimeout")).isEqualTo(Duration.ofSeconds(3));
			assertThat(field(builder, "maxMessageSize")).isEqualTo(64 * 1024);
			assertThat(field(builder, "maxInFlightCalls")).isEqualTo(100);
			assertThat(field(builder, "pingInterval")).isEqualTo(Duration.ofSeconds(2));
			assertThat(field(builder, "deadAfter")).isEqualTo(Duration.ofSeconds(7));
			assertThat(field(builder, "loginRetryDelay")).isEqualTo(Duration.ofSeconds(4));
			assertThat(field(builder, "serverAckTimeout")).isEqualTo(Duration.ofSeconds(2));
			assertThat(field(builder, "serverResponseTimeout")).isEqualTo(Duration.ofSeconds(20));
			assertThat(field(builder, "defaultDeadline")).isEqualTo(Duration.ofSeconds(15));
			assertThat(field(builder, "provideAckTimeout")).isEqualTo(Duration.ofSeconds(8));
			ReconnectBackoff backoff = (ReconnectBackoff) field(builder, "reconnectBackoff");
			assertThat(backoff.delay(1)).isBetween(Duration.ofMillis(130), Duration.ofMillis(270));
			assertThat(backoff.delay(30)).isBetween(Duration.ofMillis(3250), Duration.ofMillis(6750));
		});
	}

	@Test
	void registryGetsShutdownTimeoutFromProperties() {
		this.contextRunner.withPropertyValues("deepstream.rpc.provider.shutdown-timeout=6s")
			.run((context) -> assertThat(field(context.getBean(RpcProviderEndpointRegistry.class), "shutdownTimeout"))
				.isEqualTo(Duration.ofSeconds(6)));
	}

	@Test
	void connectionDetailsUseDefaultUrlWithoutProperties() {
		this.contextRunner.run((context) -> {
			DeepstreamConnectionDetails connectionDetails = context.getBean(DeepstreamConnectionDetails.class);
			assertThat(connectionDetails.getUrl()).isEqualTo(URI.create("ws://localhost:6020/deepstream"));
			assertThat(connectionDetails.getAuthData()).isEmpty();
		});
	}

	@Test
	void connectionDetailsMapUrlAndAuthenticationProperties() {
		this.contextRunner
			.withPropertyValues("deepstream.rpc.url=ws://127.0.0.1:1/deepstream",
					"deepstream.rpc.authentication.username=ada", "deepstream.rpc.authentication.password=secret",
					"deepstream.rpc.authentication.data.tenant=acme", "deepstream.rpc.authentication.data.role=ops")
			.run((context) -> {
				DeepstreamConnectionDetails connectionDetails = context.getBean(DeepstreamConnectionDetails.class);
				assertThat(connectionDetails.getUrl()).isEqualTo(URI.create("ws://127.0.0.1:1/deepstream"));
				assertThat(connectionDetails.getAuthData()).containsExactly(Map.entry("tenant", "acme"),
						Map.entry("role", "ops"), Map.entry("username", "ada"), Map.entry("password", "secret"));
			});
	}

	@Test
	void connectionDetailsOmitCredentialsThatAreNotSet() {
		this.contextRunner.withPropertyValues("deepstream.rpc.authentication.data.token=abc")
			.run((context) -> assertThat(context.getBean(DeepstreamConnectionDetails.class).getAuthData())
				.isEqualTo(Map.of("token", "abc")));
	}

	@Test
	void customizersAreAppliedInOrderAfterProperties() {
		this.contextRunner.withUserConfiguration(OrderedCustomizersConfiguration.class)
			.withPropertyValues("deepstream.rpc.connect-timeout=3s", "deepstream.rpc.max-in-flight-calls=100")
			.run((context) -> {
				assertThat(context.getBean(OrderedCustomizersConfiguration.class).calls)
					.containsExactly("first saw connectTimeout PT3S", "second");
				assertThat(field(context.getBean(DeepstreamRpcClientBuilder.class), "maxInFlightCalls")).isEqualTo(7);
			});
	}

	@Test
	void payloadCodecUsesJsonMapperOfJacksonAutoConfiguration() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
			.withPropertyValues("spring.jackson.property-naming-strategy=SNAKE_CASE")
			.run((context) -> assertThat(encode(context.getBean(PayloadCodec.class), new Greeting("Ada")))
				.isEqualTo("{\"first_name\":\"Ada\"}"));
	}

	@Test
	void payloadCodecUsesUserJsonMapper() {
		JsonMapper mapper = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE).build();
		this.contextRunner.withBean(JsonMapper.class, () -> mapper)
			.run((context) -> assertThat(encode(context.getBean(PayloadCodec.class), new Greeting("Ada")))
				.isEqualTo("{\"first-name\":\"Ada\"}"));
	}

	@Test
	void payloadCodecUsesDefaultJsonMapperWithoutOneInContext() {
		this.contextRunner.run((context) -> assertThat(encode(context.getBean(PayloadCodec.class), new Greeting("Ada")))
			.isEqualTo("{\"firstName\":\"Ada\"}"));
	}

	@Test
	void payloadBinderValidatesWhenValidatorExists() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
			.run((context) -> assertThat(field(context.getBean(RpcPayloadBinder.class), "validator"))
				.isInstanceOf(SpringValidatorAdapter.class));
	}

	@Test
	void payloadBinderDoesNotValidateWithoutValidator() {
		this.contextRunner
			.run((context) -> assertThat(field(context.getBean(RpcPayloadBinder.class), "validator")).isNull());
	}

	@Test
	void payloadBinderDoesNotValidateWithoutBeanValidationOnClasspath() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("jakarta.validation"))
			.run((context) -> assertThat(field(context.getBean(RpcPayloadBinder.class), "validator")).isNull());
	}

	@Test
	void providerExecutorIsSizedByProperties() {
		this.contextRunner
			.withPropertyValues("deepstream.rpc.provider.executor.threads=4",
					"deepstream.rpc.provider.executor.queue-capacity=20")
			.run((context) -> {
				ThreadPoolTaskExecutor executor = context.getBean(PROVIDER_EXECUTOR, ThreadPoolTaskExecutor.class);
				assertThat(executor.getCorePoolSize()).isEqualTo(4);
				assertThat(executor.getMaxPoolSize()).isEqualTo(4);
				assertThat(executor.getQueueCapacity()).isEqualTo(20);
				BlockingQueue<Runnable> queue = executor.getThreadPoolExecutor().getQueue();
				assertThat(queue).isInstanceOf(ProviderWorkQueue.class);
				assertThat(queue.remainingCapacity()).isEqualTo(20);
				assertThat(executor.getThreadNamePrefix()).isEqualTo("deepstream-rpc-provider-");
			});
	}

	@Test
	void providerExecutorHasDefaultSize() {
		this.contextRunner.run((context) -> {
			ThreadPoolTaskExecutor executor = context.getBean(PROVIDER_EXECUTOR, ThreadPoolTaskExecutor.class);
			assertThat(executor.getMaxPoolSize()).isEqualTo(16);
			assertThat(executor.getQueueCapacity()).isEqualTo(1000);
		});
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void providerExecutorUsesVirtualThreadsWhenEnabled() {
		this.contextRunner
			.withPropertyValues("spring.threads.virtual.enabled=true", "deepstream.rpc.provider.executor.threads=4")
			.run((context) -> {
				SimpleAsyncTaskExecutor executor = context.getBean(PROVIDER_EXECUTOR, SimpleAsyncTaskExecutor.class);
				assertThat(executor.getConcurrencyLimit()).isEqualTo(4);
			});
	}

	@Test
	void templateDeadlineIsServerTimeoutsPlusOneSecondByDefault() throws InterruptedException {
		DeepstreamRpcClient client = mockClient();
		this.contextRunner.withBean(DeepstreamRpcClient.class, () -> client).run((context) -> {
			context.getBean(RpcOperations.class).make("echo", "hi", String.class);
			then(client).should().make("echo", "hi", Duration.ofSeconds(12));
		});
	}

	@Test
	void templateDeadlineIsDerivedFromServerProperties() throws InterruptedException {
		DeepstreamRpcClient client = mockClient();
		this.contextRunner.withBean(DeepstreamRpcClient.class, () -> client)
			.withPropertyValues("deepstream.rpc.server.ack-timeout=2s", "deepstream.rpc.server.response-timeout=5s")
			.run((context) -> {
				context.getBean(RpcOperations.class).make("echo", "hi", String.class);
				then(client).should().make("echo", "hi", Duration.ofSeconds(8));
			});
	}

	@Test
	void templateDeadlineComesFromTemplatePropertyWhenSet() throws InterruptedException {
		DeepstreamRpcClient client = mockClient();
		this.contextRunner.withBean(DeepstreamRpcClient.class, () -> client)
			.withPropertyValues("deepstream.rpc.server.ack-timeout=2s", "deepstream.rpc.template.deadline=750ms")
			.run((context) -> {
				context.getBean(RpcOperations.class).make("echo", "hi", String.class);
				then(client).should().make("echo", "hi", Duration.ofMillis(750));
			});
	}

	@Test
	void errorHandlerAnswersWithRpcAdviceMappings() {
		this.contextRunner.withBean(GreetingAdvice.class).run((context) -> {
			RpcResponse response = mock(RpcResponse.class);
			context.getBean(RpcErrorHandler.class)
				.handleError(new IllegalStateException("boom"), mock(RpcRequest.class), response);
			then(response).should().error("mapped boom");
		});
	}

	@Test
	void providerMethodsAreProvidedWhenContextStarts() {
		this.contextRunner.withBean(GreetingProvider.class).withPropertyValues("app.rpc-prefix=test").run((context) -> {
			assertThat(context.getBean(RpcProviderEndpointRegistry.class).getEndpoints())
				.extracting(RpcProviderEndpoint::getName)
				.containsExactly("test/greet");
			assertThat(context.getBean(DeepstreamRpcClient.class).providers()).containsOnlyKeys("test/greet")
				.containsValue(ProviderState.PENDING);
		});
	}

	private static String[] everyProperty() {
		return new String[] { "deepstream.rpc.url=ws://127.0.0.1:1/deepstream", "deepstream.rpc.fail-fast=false",
				"deepstream.rpc.connect-timeout=3s", "deepstream.rpc.max-message-size=64KB",
				"deepstream.rpc.max-in-flight-calls=100", "deepstream.rpc.authentication.username=ada",
				"deepstream.rpc.authentication.password=secret", "deepstream.rpc.authentication.data.tenant=acme",
				"deepstream.rpc.heartbeat.ping-interval=2s", "deepstream.rpc.heartbeat.dead-after=7s",
				"deepstream.rpc.reconnect.initial-delay=200ms", "deepstream.rpc.reconnect.max-delay=5s",
				"deepstream.rpc.reconnect.login-retry-delay=4s", "deepstream.rpc.server.ack-timeout=2s",
				"deepstream.rpc.server.response-timeout=20s", "deepstream.rpc.template.deadline=15s",
				"deepstream.rpc.provider.shutdown-timeout=6s", "deepstream.rpc.provider.registration-timeout=8s",
				"deepstream.rpc.provider.executor.threads=4", "deepstream.rpc.provider.executor.queue-capacity=20" };
	}

	private static DeepstreamRpcClient mockClient() throws InterruptedException {
		DeepstreamRpcClient client = mock(DeepstreamRpcClient.class);
		given(client.connect()).willReturn(new CompletableFuture<>());
		given(client.make(anyString(), any(), any(Duration.class)))
			.willReturn(CompletableFuture.completedFuture(Payload.absent(new JacksonPayloadCodec())));
		given(client.awaitRequestsServed(any(Duration.class))).willReturn(true);
		return client;
	}

	private static Set<Thread> webSocketContainerThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("WebSocketClient-AsyncIO"))
			.collect(Collectors.toSet());
	}

	private static Object field(Object target, String name) {
		return ReflectionTestUtils.getField(target, name);
	}

	private static Map<String, ?> authData(DeepstreamRpcClientBuilder builder) {
		return ((AuthDataSupplier) field(builder, "authData")).get();
	}

	private static String encode(PayloadCodec codec, Object value) {
		return new String(codec.encode(value), StandardCharsets.UTF_8);
	}

	record Greeting(String firstName) {
	}

	@RpcAdvice
	static class GreetingAdvice {

		@RpcExceptionHandler
		String handle(IllegalStateException ex) {
			return "mapped " + ex.getMessage();
		}

	}

	static class GreetingProvider {

		@RpcProvider("${app.rpc-prefix}/greet")
		String greet(String name) {
			return "Hello " + name;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTemplateConfiguration {

		@Bean
		RpcTemplate userRpcTemplate(DeepstreamRpcClient client) {
			return new RpcTemplate(client, Duration.ofSeconds(1));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRegistryConfiguration {

		@Bean
		RpcProviderEndpointRegistry userRegistry(DeepstreamRpcClient client) {
			return new RpcProviderEndpointRegistry(client, (failure, request, response) -> response.reject(),
					new RpcPayloadBinder(null), Duration.ofSeconds(1), Duration.ofSeconds(1));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedCustomizersConfiguration {

		private final List<String> calls = new ArrayList<>();

		@Bean
		@Order(2)
		DeepstreamRpcClientBuilderCustomizer secondCustomizer() {
			return (builder) -> {
				this.calls.add("second");
				builder.maxInFlightCalls(7);
			};
		}

		@Bean
		@Order(1)
		DeepstreamRpcClientBuilderCustomizer firstCustomizer() {
			return (builder) -> this.calls.add("first saw connectTimeout " + field(builder, "connectTimeout"));
		}

	}

}
