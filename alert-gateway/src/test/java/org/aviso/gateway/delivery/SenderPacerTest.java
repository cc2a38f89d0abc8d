package org.aviso.gateway.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.aviso.gateway.notify.SenderAccount;
import org.aviso.gateway.testing.AvisoTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pacer hands out send slots from one bucket in PostgreSQL. Whatever the number of workers (or nodes) asking
 * at once, a sender's slots never come closer together than its rate allows, and no one-second window holds more
 * messages than the configured rate.
 */
@AvisoTest
class SenderPacerTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void concurrentReservationsNeverOverlapAndStayWithinTheRate() throws Exception {
        SenderAccount sender = new SenderAccount("+15550001000", 20.0, false);
        // two "nodes", each with its own pacer on the same database, three workers each
        List<SenderPacer> nodes = List.of(new SenderPacer(jdbc, Clock.systemUTC()),
                new SenderPacer(jdbc, Clock.systemUTC()));
        List<Callable<List<Instant>>> workers = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            SenderPacer pacer = nodes.get(w % 2);
            int units = 1 + w % 3; // some reserve one message, some a multi-segment SMS
            workers.add(() -> {
                List<Instant> mine = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    SenderPacer.Slots slots = pacer.reserve(sender, units);
                    for (int u = 0; u < units; u++) {
                        mine.add(slots.slot(u));
                    }
                }
                return mine;
            });
        }
        List<Instant> all = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (Future<List<Instant>> done : pool.invokeAll(workers)) {
                all.addAll(done.get());
            }
        } finally {
            pool.shutdownNow();
        }
        Collections.sort(all);

        assertThat(all).hasSize(6 * 20 * 2).doesNotHaveDuplicates();
        Duration interval = SenderPacer.interval(sender);
        assertThat(interval).isGreaterThanOrEqualTo(Duration.ofMillis(50)); // never faster than 20 a second
        for (int i = 1; i < all.size(); i++) {
            // microsecond rounding in PostgreSQL is the only slack allowed
            assertThat(Duration.between(all.get(i - 1), all.get(i)))
                    .isGreaterThanOrEqualTo(interval.minusNanos(1_000));
        }
        // any 21 consecutive slots span more than one second: no window of a second holds more than 20
        for (int i = 20; i < all.size(); i++) {
            assertThat(Duration.between(all.get(i - 20), all.get(i))).isGreaterThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void aProvidersSlowDownPushesTheNextSlotBack() {
        SenderAccount sender = new SenderAccount("+15550001001", 1.0, false);
        SenderPacer pacer = new SenderPacer(jdbc, Clock.systemUTC());
        Instant first = pacer.reserve(sender, 1).first();
        Instant until = Instant.now().plusSeconds(30);

        pacer.pauseUntil(sender.id(), until);

        assertThat(pacer.reserve(sender, 1).first()).isAfterOrEqualTo(until.minusNanos(1_000));
        assertThat(first).isBefore(until);
        // a shorter pause cannot pull the schedule forward again
        pacer.pauseUntil(sender.id(), Instant.now().plusSeconds(1));
        assertThat(pacer.reserve(sender, 1).first()).isAfter(until);
    }

    @Test
    void aQuietSenderStartsNowRatherThanPayingForItsIdleTime() {
        SenderAccount sender = new SenderAccount("+15550001002", 2.0, false);
        SenderPacer pacer = new SenderPacer(jdbc, Clock.systemUTC());
        pacer.reserve(sender, 1);
        jdbc.sql("update sender_pace set next_slot = now() - interval '1 hour' where sender = :s")
                .param("s", sender.id()).update();

        Instant before = Instant.now();
        SenderPacer.Slots slots = pacer.reserve(sender, 3);

        // no burst to "catch up" on the idle hour: slots start now and keep the spacing
        assertThat(slots.first()).isAfterOrEqualTo(before.minusMillis(5));
        assertThat(Duration.between(slots.slot(0), slots.slot(2))).isEqualTo(SenderPacer.interval(sender).multipliedBy(2));
    }
}
