package dev.deepstreamrpc.client.transport;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The messages of one connection waiting to be written, bounded by their bytes so that a
 * server that stops reading cannot make the client hold everything sent to it. A message
 * counts against the bound from {@link #offer} until it is {@link #release released},
 * which a transport does once the message is out of its hands.
 * <p>
 * Thread-safe and lock-free: any thread offers, one at a time polls.
 */
final class SendQueue {

	private final Queue<byte[]> messages = new ConcurrentLinkedQueue<>();

	private final AtomicInteger bytes = new AtomicInteger();

	private final int maxBytes;

	SendQueue(int maxBytes) {
		this.maxBytes = maxBytes;
	}

	/**
	 * Queues a message if the bound leaves room for it.
	 * @param message the message
	 * @return whether it was queued
	 */
	boolean offer(byte[] message) {
		if (this.bytes.addAndGet(message.length) > this.maxBytes) {
			this.bytes.addAndGet(-message.length);
			return false;
		}
		this.messages.add(message);
		return true;
	}

	/**
	 * Takes the oldest message; it still counts against the bound until released.
	 * @return the message, or {@code null} if none is queued
	 */
	byte @Nullable [] poll() {
		return this.messages.poll();
	}

	boolean isEmpty() {
		return this.messages.isEmpty();
	}

	/**
	 * Stops counting a message taken with {@link #poll()} against the bound.
	 * @param message the message
	 */
	void release(byte[] message) {
		this.bytes.addAndGet(-message.length);
	}

	/**
	 * Drops every queued message, when the connection has ended.
	 */
	void clear() {
		this.messages.clear();
	}

}
