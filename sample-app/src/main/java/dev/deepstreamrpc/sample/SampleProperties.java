package dev.deepstreamrpc.sample;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the sample's providers, under {@code sample.*}.
 */
@ConfigurationProperties("sample")
public class SampleProperties {

	private final Task task = new Task();

	private final Images images = new Images();

	public Task getTask() {
		return this.task;
	}

	public Images getImages() {
		return this.images;
	}

	/**
	 * Settings of the {@code task} provider.
	 */
	public static class Task {

		/**
		 * How long one task takes.
		 */
		private Duration duration = Duration.ofMillis(300);

		public Duration getDuration() {
			return this.duration;
		}

		public void setDuration(Duration duration) {
			this.duration = duration;
		}

	}

	/**
	 * Settings of the {@code resize-image} provider.
	 */
	public static class Images {

		/**
		 * How many images may be resized at once.
		 */
		private int capacity = 4;

		public int getCapacity() {
			return this.capacity;
		}

		public void setCapacity(int capacity) {
			this.capacity = capacity;
		}

	}

}
