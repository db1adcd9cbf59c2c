package dev.deepstreamrpc.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.boot.convert.ApplicationConversionService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata that the build generates from
 * {@link DeepstreamRpcProperties}, as IDEs show it: every {@code deepstream.rpc.*} key
 * has a description, and a key whose field has a default in code declares that default,
 * the same value.
 */
class ConfigurationMetadataTests {

	private static final String PREFIX = "deepstream.rpc.";

	/**
	 * Keys whose default is computed from other keys, so the metadata cannot hold it;
	 * their descriptions say how it is derived. Keys that default to nothing or to an
	 * empty collection need no entry here.
	 */
	private static final Set<String> DERIVED_DEFAULTS = Set.of("deepstream.rpc.heartbeat.dead-after",
			"deepstream.rpc.template.deadline");

	private final List<JsonNode> properties = deepstreamProperties();

	@Test
	void everyKeyHasADescription() {
		assertThat(this.properties).isNotEmpty();
		assertThat(this.properties).allSatisfy((property) -> assertThat(property.path("description").asString(""))
			.as("description of %s", name(property))
			.isNotBlank()
			.endsWith("."));
	}

	@Test
	void everyKeyWithADefaultInCodeDeclaresThatDefault() {
		BeanWrapper defaults = PropertyAccessorFactory.forBeanPropertyAccess(new DeepstreamRpcProperties());
		assertThat(this.properties).allSatisfy((property) -> {
			Object inCode = defaults.getPropertyValue(propertyPath(name(property)));
			if (isEmpty(inCode)) {
				assertThat(property.has("defaultValue")).as("%s has no default in code", name(property)).isFalse();
				return;
			}
			assertThat(property.has("defaultValue")).as("default of %s", name(property)).isTrue();
			Object declared = ApplicationConversionService.getSharedInstance()
				.convert(defaultValue(property), inCode.getClass());
			assertThat(declared).as("default of %s", name(property)).isEqualTo(inCode);
		});
	}

	@Test
	void keysWithoutDefaultSayWhatHappensWhenUnset() {
		assertThat(this.properties).filteredOn((property) -> DERIVED_DEFAULTS.contains(name(property)))
			.hasSize(DERIVED_DEFAULTS.size())
			.allSatisfy((property) -> assertThat(property.path("description").asString()).contains("Default"));
	}

	private static boolean isEmpty(Object value) {
		return value == null || (value instanceof Collection<?> collection && collection.isEmpty())
				|| (value instanceof Map<?, ?> map && map.isEmpty());
	}

	private static Object defaultValue(JsonNode property) {
		JsonNode value = property.get("defaultValue");
		if (value.isBoolean()) {
			return value.asBoolean();
		}
		return value.isNumber() ? value.numberValue() : value.asString();
	}

	private static String name(JsonNode property) {
		return property.path("name").asString();
	}

	private static String propertyPath(String name) {
		List<String> path = new ArrayList<>();
		for (String segment : name.substring(PREFIX.length()).split("\\.")) {
			StringBuilder camel = new StringBuilder();
			for (String word : segment.split("-")) {
				camel.append(camel.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
			}
			path.add(camel.toString());
		}
		return String.join(".", path);
	}

	private static List<JsonNode> deepstreamProperties() {
		List<JsonNode> found = new ArrayList<>();
		try {
			for (URL url : Collections.list(ConfigurationMetadataTests.class.getClassLoader()
				.getResources("META-INF/spring-configuration-metadata.json"))) {
				try (InputStream in = url.openStream()) {
					JsonMapper.shared()
						.readTree(in)
						.path("properties")
						.forEach((property) -> addIfDeepstream(found, property));
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return found;
	}

	private static void addIfDeepstream(List<JsonNode> found, JsonNode property) {
		if (name(property).startsWith(PREFIX)) {
			found.add(property);
		}
	}

}
