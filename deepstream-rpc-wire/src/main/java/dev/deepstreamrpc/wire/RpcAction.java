package dev.deepstreamrpc.wire;

/**
 * Actions of the RPC topic, kept as numbers on the wire so that unknown values never
 * break decoding.
 */
public enum RpcAction {

	UNKNOWN(0), ERROR(1), REQUEST(2), ACCEPT(4), RESPONSE(5), REJECT(6), REQUEST_ERROR(7), PROVIDE(8), UNPROVIDE(9),
	NO_RPC_PROVIDER(100), ACCEPT_TIMEOUT(101), MULTIPLE_ACCEPT(102), INVALID_RPC_CORRELATION_ID(103),
	RESPONSE_TIMEOUT(104), MULTIPLE_RESPONSE(105), MESSAGE_PERMISSION_ERROR(106), MESSAGE_DENIED(107),
	INVALID_MESSAGE_DATA(108), MULTIPLE_PROVIDERS(109), NOT_PROVIDED(110);

	private static final RpcAction[] BY_CODE = new RpcAction[111];

	static {
		for (RpcAction action : values()) {
			BY_CODE[action.code] = action;
		}
	}

	private final int code;

	RpcAction(int code) {
		this.code = code;
	}

	public int code() {
		return this.code;
	}

	/**
	 * Whether the server sends this action to report a failure rather than to carry a
	 * request, a reply or an acknowledgement.
	 * @return whether this is an error action
	 */
	public boolean isError() {
		return this == ERROR || this.code >= 100;
	}

	public static RpcAction of(int code) {
		RpcAction action = (code >= 0 && code < BY_CODE.length) ? BY_CODE[code] : null;
		return (action != null) ? action : UNKNOWN;
	}

}
