package dev.deepstreamrpc.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP echo server that remembers how large each read was and how each
 * connection ended, so that proxy tests can see fragmentation, FIN and RST from the
 * server's side.
 * <p>
 * Thread-safe: one acceptor thread and one thread per connection, all joined by
 * {@link #close()}; the recorded reads and endings are concurrent collections.
 */
final class EchoServer implements AutoCloseable {

	private final ServerSocket serverSocket;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final List<Thread> threads = new CopyOnWriteArrayList<>();

	private final Queue<Integer> readSizes = new ConcurrentLinkedQueue<>();

	private final Queue<String> endings = new ConcurrentLinkedQueue<>();

	EchoServer() throws IOException {
		this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		start(new Thread(this::accept, "echo-accept"));
	}

	InetSocketAddress address() {
		return new InetSocketAddress(InetAddress.getLoopbackAddress(), this.serverSocket.getLocalPort());
	}

	Queue<Integer> readSizes() {
		return this.readSizes;
	}

	Queue<String> endings() {
		return this.endings;
	}

	void closeConnections() {
		this.sockets.forEach(ChaosProxy::closeQuietly);
	}

	private void accept() {
		try {
			while (true) {
				Socket socket = this.serverSocket.accept();
				socket.setTcpNoDelay(true);
				this.sockets.add(socket);
				start(new Thread(() -> echo(socket), "echo-connection"));
			}
		}
		catch (IOException ex) {
			// closed
		}
	}

	private void echo(Socket socket) {
		byte[] buffer = new byte[8192];
		try (socket) {
			InputStream in = socket.getInputStream();
			OutputStream out = socket.getOutputStream();
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				this.readSizes.add(read);
				out.write(buffer, 0, read);
				out.flush();
			}
			this.endings.add("EOF");
		}
		catch (IOException ex) {
			this.endings.add(ex.getMessage().contains("reset") ? "RESET" : "ERROR " + ex.getMessage());
		}
	}

	private void start(Thread thread) {
		thread.setDaemon(true);
		this.threads.add(thread);
		thread.start();
	}

	@Override
	public void close() throws InterruptedException {
		ChaosProxy.closeQuietly(this.serverSocket);
		closeConnections();
		for (Thread thread : this.threads) {
			thread.join(2000);
		}
	}

}
