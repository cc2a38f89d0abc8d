package org.aviso.gateway.faults;

import java.util.Random;

/**
 * How often the stand-ins misbehave, as the real services do. Per call: an error by number, a slow answer, an
 * answer that never comes although the message went out. Per message: receipts and status callbacks that come
 * late, never, or twice. The event stream is dropped every so often.
 */
final class Misbehaviour {

    // signal-cli, per send call
    double signalRateLimitError = 0.02;   // JSON-RPC -32603 "[429] Rate limit exceeded": nothing sent
    double signalHttp503 = 0.01;          // a proxy in front of the daemon is busy (503) and passes nothing on
    double signalHttp504 = 0.005;         // a proxy gives up waiting (504) after the daemon has sent: sent
    double signalSlow = 0.03;             // answers after 2-6 s (sent)
    double signalNeverAnswers = 0.01;     // sends, then holds the call until the client gives up
    double signalRecipientRateLimited = 0.01; // one recipient's result RATE_LIMIT_FAILURE (not sent)
    // signal-cli, per message delivered
    double receiptMissing = 0.05;
    double receiptLate = 0.04;            // 40-60 s later: after a 30 s receipt timeout
    double receiptTwice = 0.05;
    long streamDropEveryMinMs = 20_000;
    long streamDropEveryMaxMs = 40_000;
    // Twilio, per create call
    double twilio429 = 0.03;
    double twilio500 = 0.02;
    double twilio503 = 0.02;
    double twilioSlow = 0.03;
    double twilioNeverAnswers = 0.01;     // accepted, the 201 never comes back (held past the read timeout)
    // Twilio, per accepted message
    double callbacksMissing = 0.05;
    double callbacksTwice = 0.05;
    double callbacksLate = 0.05;
    double callbacksReordered = 0.03;

    final Random random;

    Misbehaviour(long seed) {
        this.random = new Random(seed);
    }

    synchronized boolean chance(double p) {
        return random.nextDouble() < p;
    }

    synchronized long between(long min, long max) {
        return min + (long) (random.nextDouble() * (max - min));
    }
}
