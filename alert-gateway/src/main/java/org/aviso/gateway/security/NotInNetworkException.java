package org.aviso.gateway.security;

/**
 * Thrown when something asked for is not in the caller's network. Answered as 404, so whether it exists
 * elsewhere is not revealed.
 */
public class NotInNetworkException extends RuntimeException {

    public NotInNetworkException() {
        super("Not found in your network");
    }
}
