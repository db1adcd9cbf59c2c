package dev.deepstreamrpc.sample.calculator;

/**
 * The data of an {@code add-two-numbers} request.
 *
 * @param numA the first number
 * @param numB the second number
 */
record AddRequest(int numA, int numB) {

}
