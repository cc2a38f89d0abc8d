package org.aviso.gateway;

import java.util.List;

import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and a service manager's stop (SIGTERM) are the normal way to stop Aviso, not a failure: the
 * application closes as usual (shutdown hooks: web server, delivery workers, the embedded database) and the
 * process exits with status 0. Without this the JVM ends with 130 or 143, which {@code spring-boot:run} (the
 * README's run command) reports as a red {@code [ERROR] ... exit code 143} block.
 *
 * <p>Uses {@code sun.misc.Signal} (module {@code jdk.unsupported}, kept for exactly this use). A JVM started with
 * {@code -Xrs} or a platform without one of these signals keeps the default behaviour.
 */
final class CleanStop {

    private CleanStop() {
    }

    static void install() {
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    // exit from a thread of its own: System.exit waits for the shutdown hooks, which must not run
                    // on the signal dispatcher itself
                    Thread stop = new Thread(() -> System.exit(0), "aviso-stop");
                    stop.start();
                });
            } catch (IllegalArgumentException | IllegalStateException unavailable) {
                // the signal is reserved or unknown here: the JVM's own handling stays
            }
        }
    }
}
