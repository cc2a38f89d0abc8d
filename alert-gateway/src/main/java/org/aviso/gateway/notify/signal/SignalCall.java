package org.aviso.gateway.notify.signal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.aviso.gateway.notify.OutboundMessage;

/**
 * One call to signal-cli: the same text from one account, either to a few people (one {@code send} with several
 * recipients, who then share one timestamp) or into one Signal group.
 */
record SignalCall(String sender, Optional<String> groupId, String body, List<OutboundMessage> messages) {

    SignalCall {
        messages = List.copyOf(messages);
    }

    boolean toGroup() {
        return groupId.isPresent();
    }

    List<String> recipients() {
        return messages.stream().map(m -> m.to().e164()).toList();
    }

    /**
     * Groups messages into calls, in the order they came: identical texts from the same account go together, at
     * most {@code maxRecipients} people per call and each person once; group messages go as one call per group
     * and text.
     */
    static List<SignalCall> plan(List<OutboundMessage> messages, int maxRecipients) {
        Map<Key, List<OutboundMessage>> byKey = new LinkedHashMap<>();
        for (OutboundMessage message : messages) {
            byKey.computeIfAbsent(new Key(message.sender(), message.signalGroupId(), message.body()),
                    k -> new ArrayList<>()).add(message);
        }
        List<SignalCall> calls = new ArrayList<>();
        byKey.forEach((key, alike) -> {
            if (key.groupId().isPresent()) {
                calls.add(new SignalCall(key.sender(), key.groupId(), key.body(), alike));
            } else {
                for (List<OutboundMessage> chunk : chunks(alike, maxRecipients)) {
                    calls.add(new SignalCall(key.sender(), Optional.empty(), key.body(), chunk));
                }
            }
        });
        return calls;
    }

    /** Chunks of at most {@code max}, none naming a person twice (their results could not be told apart). */
    private static List<List<OutboundMessage>> chunks(List<OutboundMessage> alike, int max) {
        List<List<OutboundMessage>> chunks = new ArrayList<>();
        for (OutboundMessage message : alike) {
            List<OutboundMessage> home = null;
            for (List<OutboundMessage> chunk : chunks) {
                boolean samePerson = chunk.stream().anyMatch(m -> m.to().equals(message.to()));
                if (chunk.size() < max && !samePerson) {
                    home = chunk;
                    break;
                }
            }
            if (home == null) {
                home = new ArrayList<>();
                chunks.add(home);
            }
            home.add(message);
        }
        return chunks;
    }

    @Override
    public String toString() {
        return "SignalCall[" + (toGroup() ? "group" : "direct") + ", " + messages.size() + " messages]";
    }

    private record Key(String sender, Optional<String> groupId, String body) {
    }
}
