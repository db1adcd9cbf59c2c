package dev.deepstreamrpc.spring.testcontainers;

import java.net.URI;

import dev.deepstreamrpc.spring.autoconfigure.DeepstreamConnectionDetails;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * Turns a {@code @ServiceConnection} {@link DeepstreamContainer} into
 * {@link DeepstreamConnectionDetails}, so that the auto-configured client connects to the
 * container instead of {@code deepstream.rpc.url}.
 */
class DeepstreamContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<DeepstreamContainer, DeepstreamConnectionDetails> {

	DeepstreamContainerConnectionDetailsFactory() {
		super(ANY_CONNECTION_NAME);
	}

	@Override
	protected DeepstreamConnectionDetails getContainerConnectionDetails(
			ContainerConnectionSource<DeepstreamContainer> source) {
		return new DeepstreamContainerConnectionDetails(source);
	}

	/**
	 * Reads the URL from the container once it runs; the image's open authentication
	 * needs no credentials.
	 */
	static final class DeepstreamContainerConnectionDetails extends ContainerConnectionDetails<DeepstreamContainer>
			implements DeepstreamConnectionDetails {

		private DeepstreamContainerConnectionDetails(ContainerConnectionSource<DeepstreamContainer> source) {
			super(source);
		}

		@Override
		public URI getUrl() {
			return getContainer().getUrl();
		}

	}

}
