package org.aviso.gateway.notify.signal;

import tools.jackson.databind.JsonNode;

/**
 * What one call to signal-cli came to. The four cases matter because they decide whether a message may go out
 * again: {@link NotSent} never reached the daemon, {@link Unknown} may have.
 */
sealed interface RpcResult<T> {

    record Ok<T>(T value) implements RpcResult<T> {
    }

    /**
     * signal-cli answered with a JSON-RPC error. {@code message} is the daemon's own text (it may hold a number or a
     * group id): classify it, never log or show it.
     */
    record Refused<T>(int code, String message, JsonNode data) implements RpcResult<T> {

        public Refused {
            message = message == null ? "" : message;
        }

        boolean messageContains(String text) {
            return message.toLowerCase(java.util.Locale.ROOT).contains(text.toLowerCase(java.util.Locale.ROOT));
        }

        @Override
        public String toString() {
            return "Refused[code=" + code + "]";
        }
    }

    /** No connection could be made, so the request never reached signal-cli. {@code reason} is ours and safe. */
    record NotSent<T>(String reason) implements RpcResult<T> {
    }

    /** The request may have reached signal-cli, but its answer is missing or unreadable. {@code reason} is safe. */
    record Unknown<T>(String reason) implements RpcResult<T> {
    }

    /** The same failure for a caller that expected another type; an {@link Ok} cannot be recast. */
    @SuppressWarnings("unchecked")
    default <U> RpcResult<U> failure() {
        if (this instanceof Ok) {
            throw new IllegalStateException("an Ok result has a value and cannot be recast");
        }
        return (RpcResult<U>) this;
    }
}
