package dev.deepstreamrpc.spring.autoconfigure;

import dev.deepstreamrpc.client.DeepstreamRpcClientBuilder;
import dev.deepstreamrpc.client.connection.ReconnectBackoff;

import org.springframework.boot.context.properties.PropertyMapper;

/**
 * Applies {@link DeepstreamRpcProperties} to a {@link DeepstreamRpcClientBuilder}.
 */
class PropertiesDeepstreamRpcClientBuilderCustomizer implements DeepstreamRpcClientBuilderCustomizer {

	private final DeepstreamRpcProperties properties;

	PropertiesDeepstreamRpcClientBuilderCustomizer(DeepstreamRpcProperties properties) {
		this.properties = properties;
	}

	@Override
	public void customize(DeepstreamRpcClientBuilder builder) {
		PropertyMapper map = PropertyMapper.get();
		DeepstreamRpcProperties properties = this.properties;
		map.from(properties::getConnectTimeout).to(builder::connectTimeout);
		map.from(properties::getMaxMessageSize).as((size) -> (int) size.toBytes()).to(builder::maxMessageSize);
		map.from(properties::getMaxInFlightCalls).to(builder::maxInFlightCalls);
		map.from(properties.getHeartbeat()::getPingInterval).to(builder::pingInterval);
		map.from(properties.getHeartbeat()::getDeadAfter).to(builder::deadAfter);
		DeepstreamRpcProperties.Reconnect reconnect = properties.getReconnect();
		builder.reconnectBackoff(ReconnectBackoff.exponential(reconnect.getInitialDelay(), reconnect.getMaxDelay()));
		map.from(reconnect::getLoginRetryDelay).to(builder::loginRetryDelay);
		DeepstreamRpcProperties.Server server = properties.getServer();
		builder.serverTimeouts(server.getAckTimeout(), server.getResponseTimeout());
		map.from(properties.getTemplate()::getDeadline).to(builder::defaultDeadline);
		map.from(properties.getProvider()::getRegistrationTimeout).to(builder::provideAckTimeout);
	}

}
