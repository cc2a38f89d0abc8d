package org.aviso.gateway.delivery.fault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.aviso.core.alert.AlertKind;
import org.aviso.gateway.alert.AlertService;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * A gateway in a process of its own, for tests that kill it with SIGKILL ({@link Process#destroyForcibly()}):
 * {@code CrashNode <database url> <data dir> <signal url> <twilio url> <people|0> [property=value...]}. With a number
 * of people it first creates a school of that many staff and sends them a drill. It prints {@code AVISO-READY} once
 * started and {@code AVISO-COMPOSED} once the alert is committed, then runs until killed.
 */
public final class CrashNode {

    /** Numbers of the population a seeding node creates. */
    static final int FIRST_NUMBER = 4_000_000;
    static final Duration RECEIPT_TIMEOUT = Duration.ofSeconds(15);

    private CrashNode() {
    }

    public static void main(String[] args) throws InterruptedException {
        String[] more = java.util.Arrays.copyOfRange(args, 5, args.length);
        ConfigurableApplicationContext context = GatewayNode.start(args[0], Path.of(args[1]), args[2], args[3], more);
        System.out.println("AVISO-READY");
        System.out.flush();
        int people = Integer.parseInt(args[4]);
        if (people > 0) {
            Population population = Population.create(context, people, FIRST_NUMBER, RECEIPT_TIMEOUT);
            // every third person is not on Signal: their SMS go out from the start, so a kill catches SMS in flight
            org.aviso.gateway.crypto.BlindIndex index = context.getBean(org.aviso.gateway.crypto.BlindIndex.class);
            org.springframework.jdbc.core.JdbcTemplate jdbc = context.getBean(
                    org.springframework.jdbc.core.JdbcTemplate.class);
            for (int i = 0; i < people; i += 3) {
                jdbc.update("update person set signal_status = 'NOT_ON_SIGNAL' where phone_index = ?",
                        (Object) index.phone(population.numbers().get(i)));
            }
            context.getBean(AlertService.class).compose(population.dispatcher(), new AlertService.Composition(
                    AlertKind.DRILL, Optional.empty(), Optional.of(population.site()), Set.of(population.staff()),
                    "Kill drill"));
            System.out.println("AVISO-COMPOSED");
            System.out.flush();
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
