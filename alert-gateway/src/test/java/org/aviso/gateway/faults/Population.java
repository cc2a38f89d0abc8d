package org.aviso.gateway.faults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The families of the trials and what is true of each outside the gateway: whether the number is on Signal, and
 * whether Twilio refuses it for good (21211 not a valid number, 21610 replied STOP, 21614 not a mobile). Both
 * stand-ins read it; the gateway learns it only by asking them.
 */
final class Population {

    record Family(String label, String number, String language, boolean onSignal, int smsRefusal) {
        boolean smsWorks() {
            return smsRefusal == 0;
        }
    }

    static final String SIGNAL_ACCOUNT = "+15550009999";
    static final String SMS_FROM = "+15550008888";

    final List<Family> families;
    final Map<String, Family> byNumber = new LinkedHashMap<>();
    final Map<String, Family> byLabel = new LinkedHashMap<>();
    /** Dispatchers (in the tree, outside the alert's group) by number. */
    final List<String> dispatcherNumbers = List.of("+15550007001", "+15550007002");

    /** 60 % on Signal; 1 % each refused by Twilio with 21211, 21610 and 21614 (half of those on Signal). */
    Population(int size, long seed) {
        Random random = new Random(seed);
        List<Family> list = new ArrayList<>();
        List<Integer> refusals = new ArrayList<>();
        int each = Math.max(1, size / 100);
        for (int code : new int[] {21211, 21610, 21614}) {
            for (int i = 0; i < each; i++) {
                refusals.add(code);
            }
        }
        while (refusals.size() < size) {
            refusals.add(0);
        }
        Collections.shuffle(refusals, random);
        int refusedSeen = 0;
        for (int i = 0; i < size; i++) {
            int refusal = refusals.get(i);
            boolean onSignal;
            if (refusal != 0) {
                onSignal = refusedSeen++ % 2 == 0;
            } else {
                onSignal = random.nextDouble() < 0.6;
            }
            Family f = new Family(String.format("F%04d", i), String.format("+155501%05d", i),
                    i % 2 == 0 ? "en" : "es", onSignal, refusal);
            list.add(f);
            byNumber.put(f.number(), f);
            byLabel.put(f.label(), f);
        }
        this.families = List.copyOf(list);
    }

    boolean onSignal(String number) {
        Family f = byNumber.get(number);
        return f != null ? f.onSignal() : dispatcherNumbers.contains(number);
    }

    int smsRefusal(String number) {
        Family f = byNumber.get(number);
        return f == null ? 0 : f.smsRefusal();
    }
}
