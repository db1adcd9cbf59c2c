package dev.deepstreamrpc.sample.images;

/**
 * The answer to a {@code resize-image} request.
 *
 * @param url where the resized image is
 * @param width its width, in pixels
 * @param height its height, in pixels
 */
record ResizedImage(String url, int width, int height) {

}
