package dev.deepstreamrpc.spring.aot;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import dev.deepstreamrpc.wire.proto.DeepstreamWire;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * Lets protobuf's descriptor-based access to the wire messages work in a native image:
 * printing a message, as debug logging does, finds the generated accessors of the message
 * and its builder by reflection. The classes are taken from the descriptor so that a new
 * message needs no change here.
 */
final class WireMessageRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		FileDescriptor file = DeepstreamWire.getDescriptor();
		String javaPackage = file.getOptions().getJavaPackage();
		for (Descriptor message : file.getMessageTypes()) {
			register(hints, javaPackage + "." + message.getName());
			register(hints, javaPackage + "." + message.getName() + "$Builder");
		}
		for (EnumDescriptor enumType : file.getEnumTypes()) {
			register(hints, javaPackage + "." + enumType.getName());
		}
	}

	private static void register(RuntimeHints hints, String className) {
		hints.reflection().registerType(TypeReference.of(className), MemberCategory.INVOKE_PUBLIC_METHODS);
	}

}
