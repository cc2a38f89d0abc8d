package org.aviso.gateway.console;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.aviso.core.common.NetworkId;
import org.aviso.gateway.report.ReportEvents;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events for open consoles: when a network's reports or alerts change, every console of that network
 * is told to refresh its queue. Told after the change commits, so a console never shows what was rolled back.
 * The event carries no data beyond its name: the console fetches what it may see.
 */
@Component
public class ConsoleEvents implements ReportEvents {

    static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final Map<UUID, List<SseEmitter>> emitters = new ConcurrentHashMap<>();

    public SseEmitter subscribe(UUID network) {
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        List<SseEmitter> list = emitters.computeIfAbsent(network, n -> new CopyOnWriteArrayList<>());
        list.add(emitter);
        emitter.onCompletion(() -> list.remove(emitter));
        emitter.onTimeout(() -> list.remove(emitter));
        emitter.onError(error -> list.remove(emitter));
        try {
            emitter.send(SseEmitter.event().name("hello").data("ok"));
        } catch (IOException gone) {
            list.remove(emitter);
        }
        return emitter;
    }

    @Override
    public void changed(NetworkId network) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    publish(network.value());
                }
            });
        } else {
            publish(network.value());
        }
    }

    /**
     * Closes every open stream when the application starts to stop, before the web server drains its requests: an
     * open console would otherwise hold a graceful shutdown for its whole timeout. Browsers reconnect on their own,
     * to whichever node is still up.
     */
    @EventListener(ContextClosedEvent.class)
    void closeAll() {
        for (List<SseEmitter> list : emitters.values()) {
            for (SseEmitter emitter : list) {
                emitter.complete();
            }
            list.clear();
        }
    }

    int open() {
        return emitters.values().stream().mapToInt(List::size).sum();
    }

    void publish(UUID network) {
        for (SseEmitter emitter : emitters.getOrDefault(network, List.of())) {
            try {
                emitter.send(SseEmitter.event().name("changed").data("reports"));
            } catch (IOException | IllegalStateException gone) {
                emitter.completeWithError(gone);
            }
        }
    }
}
