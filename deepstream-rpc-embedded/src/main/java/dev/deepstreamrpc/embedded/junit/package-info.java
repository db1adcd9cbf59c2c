/**
 * JUnit Jupiter support for running an embedded deepstream server around tests.
 */
@NullMarked
package dev.deepstreamrpc.embedded.junit;

import org.jspecify.annotations.NullMarked;
