package org.aviso.gateway.console;

import java.util.UUID;

import org.aviso.gateway.testing.AvisoTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Open consoles must not hold a stopping node: when the application context starts to close (before the web
 * server's graceful shutdown waits for requests), every event stream is completed.
 */
@AvisoTest
class ConsoleEventsTest {

    @Autowired
    ConsoleEvents events;
    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void closingTheApplicationCompletesEveryOpenStream() {
        SseEmitter first = events.subscribe(UUID.randomUUID());
        SseEmitter second = events.subscribe(UUID.randomUUID());
        assertThat(events.open()).isEqualTo(2);

        // what AbstractApplicationContext.close() publishes before it stops the web server
        context.publishEvent(new ContextClosedEvent(context));

        assertThat(events.open()).isZero();
        // a completed stream takes nothing more
        assertThatThrownBy(() -> first.send("changed")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> second.send("changed")).isInstanceOf(IllegalStateException.class);
    }
}
