package dev.deepstreamrpc.client;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * A request received by a provider. The requestor fields are only as trustworthy as the
 * server's configuration: unless it sets {@code rpc.provideRequestorName} and
 * {@code rpc.provideRequestorData}, a requestor can put anything there.
 */
public final class RpcRequest {

	private final String name;

	private final Payload data;

	private final @Nullable String requestorName;

	private final byte @Nullable [] requestorData;

	private final PayloadCodec codec;

	RpcRequest(String name, Payload data, @Nullable String requestorName, byte @Nullable [] requestorData,
			PayloadCodec codec) {
		this.name = name;
		this.data = data;
		this.requestorName = requestorName;
		this.requestorData = requestorData;
		this.codec = codec;
	}

	/**
	 * The name of the RPC.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The data the requestor sent.
	 * @return the data, possibly without a value
	 */
	public Payload data() {
		return this.data;
	}

	/**
	 * The user that made the request, when the server reports it.
	 * @return the user name, or {@code null}
	 */
	public @Nullable String requestorName() {
		return this.requestorName;
	}

	/**
	 * The requestor's client data, when the server reports it. A server that re-routes a
	 * request encodes this value once more for each provider it tries; the extra encoding
	 * is removed here.
	 * @return the client data, possibly without a value
	 */
	public Payload requestorData() {
		byte[] json = this.requestorData;
		while (json != null && json.length > 1 && json[0] == '"') {
			String inner = this.codec.decode(json, String.class);
			byte[] unwrapped = (inner != null) ? inner.getBytes(StandardCharsets.UTF_8) : null;
			if (unwrapped == null || !this.codec.isValid(unwrapped)) {
				break;
			}
			json = unwrapped;
		}
		return Payload.of(json, this.codec);
	}

	@Override
	public String toString() {
		return "RpcRequest[" + this.name + "]";
	}

}
