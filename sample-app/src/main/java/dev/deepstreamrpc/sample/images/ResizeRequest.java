package dev.deepstreamrpc.sample.images;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

/**
 * The data of a {@code resize-image} request.
 *
 * @param url where the image is
 * @param width the width wanted, in pixels
 * @param height the height wanted, in pixels
 */
record ResizeRequest(@NotBlank String url, @Positive int width, @Positive int height) {

}
