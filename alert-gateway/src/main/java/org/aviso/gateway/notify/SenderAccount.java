package org.aviso.gateway.notify;

/**
 * One sending identity and the rate Aviso keeps it at.
 *
 * @param id            the Signal account number, Twilio number or Messaging Service SID (not secret)
 * @param ratePerSecond messages per second (Signal) or segments per second (SMS)
 * @param countsSegments true when the provider counts SMS segments rather than messages
 */
public record SenderAccount(String id, double ratePerSecond, boolean countsSegments) {

    public SenderAccount {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("A sender needs an id");
        }
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("A sender's rate must be positive");
        }
    }
}
