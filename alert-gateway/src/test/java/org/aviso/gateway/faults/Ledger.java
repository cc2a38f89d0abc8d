package org.aviso.gateway.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the stand-ins actually did, per phone number: every Signal message a recipient got (whether or not its
 * caller was ever told), every delivery receipt written to a connected event stream, every SMS accepted. The
 * suite counts outcomes from this alone, never from the gateway's logs or database.
 */
final class Ledger {

    /** One Signal message to one person. {@code answeredAt} is 0 when the caller never got the answer. */
    static final class SignalMessage {
        final long timestamp;
        final long acceptedAt;
        volatile long answeredAt;
        volatile long receiptWrittenAt;

        SignalMessage(long timestamp, long acceptedAt) {
            this.timestamp = timestamp;
            this.acceptedAt = acceptedAt;
        }
    }

    /** One SMS accepted for one person. {@code answeredAt} is 0 when the 201 never reached the caller. */
    static final class Sms {
        final String sid;
        final long acceptedAt;
        volatile long answeredAt;

        Sms(String sid, long acceptedAt) {
            this.sid = sid;
            this.acceptedAt = acceptedAt;
        }
    }

    final Map<String, List<SignalMessage>> signal = new ConcurrentHashMap<>();
    final Map<String, List<Sms>> sms = new ConcurrentHashMap<>();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong lastAcceptedAt = new AtomicLong();
    final AtomicLong signalCalls = new AtomicLong();
    final AtomicLong smsCalls = new AtomicLong();
    final AtomicLong signalFaults = new AtomicLong();
    final AtomicLong smsFaults = new AtomicLong();
    final AtomicLong receiptsWritten = new AtomicLong();
    final AtomicLong receiptsLost = new AtomicLong();
    final AtomicLong callbacksPosted = new AtomicLong();

    SignalMessage signalSent(String number, long timestamp) {
        long now = System.currentTimeMillis();
        SignalMessage m = new SignalMessage(timestamp, now);
        signal.computeIfAbsent(number, n -> new ArrayList<>());
        synchronized (signal.get(number)) {
            signal.get(number).add(m);
        }
        accepted.incrementAndGet();
        lastAcceptedAt.set(now);
        return m;
    }

    Sms smsSent(String number, String sid) {
        long now = System.currentTimeMillis();
        Sms s = new Sms(sid, now);
        sms.computeIfAbsent(number, n -> new ArrayList<>());
        synchronized (sms.get(number)) {
            sms.get(number).add(s);
        }
        accepted.incrementAndGet();
        lastAcceptedAt.set(now);
        return s;
    }

    List<SignalMessage> signalOf(String number) {
        List<SignalMessage> list = signal.get(number);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return new ArrayList<>(list);
        }
    }

    List<Sms> smsOf(String number) {
        List<Sms> list = sms.get(number);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return new ArrayList<>(list);
        }
    }
}
