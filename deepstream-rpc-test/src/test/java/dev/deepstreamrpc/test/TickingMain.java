package dev.deepstreamrpc.test;

import java.util.concurrent.TimeUnit;

/**
 * A tiny program for {@link ProviderJvmTests} that reports what it was given, prints the
 * ready line and then a numbered tick every 20 ms, so that a test can see whether it
 * runs. Its first argument chooses how it behaves: {@code run}, {@code fail} (exit with
 * code 3 before being ready) or {@code silent} (never ready).
 */
final class TickingMain {

	private TickingMain() {
	}

	public static void main(String[] arguments) throws InterruptedException {
		System.out.println("pid " + ProcessHandle.current().pid());
		System.out.println("arguments " + String.join(" ", arguments));
		System.out.println("greeting " + System.getProperty("greeting"));
		String mode = (arguments.length > 0) ? arguments[0] : "run";
		if (mode.equals("fail")) {
			System.err.println("boom");
			System.exit(3);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
		if (!mode.equals("silent")) {
			System.out.println("READY");
		}
		for (long tick = 1;; tick++) {
			TimeUnit.MILLISECONDS.sleep(20);
			System.out.println("tick " + tick);
		}
	}

}
