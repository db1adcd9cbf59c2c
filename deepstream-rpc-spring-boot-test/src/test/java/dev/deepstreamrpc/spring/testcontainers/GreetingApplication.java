package dev.deepstreamrpc.spring.testcontainers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The application the container tests start: auto-configuration and one provider.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class GreetingApplication {

	@Bean
	Greeter greeter() {
		return new Greeter();
	}

}
