package dev.deepstreamrpc.sample.images;

import java.util.concurrent.Semaphore;

import dev.deepstreamrpc.client.RpcResponse;
import dev.deepstreamrpc.sample.SampleProperties;
import dev.deepstreamrpc.spring.RejectException;
import dev.deepstreamrpc.spring.RpcProvider;
import jakarta.validation.Valid;

import org.springframework.stereotype.Service;

/**
 * Provides {@code resize-image}, acknowledging a request only when it has capacity for
 * it: a full resizer rejects the request before acknowledging it, so that the server
 * re-routes it to another provider instead of letting it wait here.
 * <p>
 * Thread-safe: the capacity is a semaphore shared by the provider threads.
 */
@Service
class ImageResizer {

	private final Semaphore capacity;

	ImageResizer(SampleProperties properties) {
		this.capacity = new Semaphore(properties.getImages().getCapacity());
	}

	@RpcProvider(value = "resize-image", autoAck = false)
	ResizedImage resize(@Valid ResizeRequest request, RpcResponse response) {
		if (!this.capacity.tryAcquire()) {
			throw new RejectException("No capacity to resize " + request.url());
		}
		try {
			response.ack();
			return resized(request);
		}
		finally {
			this.capacity.release();
		}
	}

	private static ResizedImage resized(ResizeRequest request) {
		String url = request.url() + "?w=" + request.width() + "&h=" + request.height();
		return new ResizedImage(url, request.width(), request.height());
	}

}
