package org.aviso.gateway.delivery;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Rides out a database that is restarting or out of reach for a write that exists nowhere else once its caller lets
 * go of it (a Signal receipt: signal-cli does not send it again). The write must be idempotent: a commit whose answer
 * was lost may have landed.
 */
final class DatabaseOutage {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);

    private static final Duration FIRST_WAIT = Duration.ofMillis(100);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(2);

    private DatabaseOutage() {
    }

    /** How long to wait before the next try after {@code failures} failed ones: 100 ms doubling, at most 2 s. */
    static Duration waitAfter(int failures) {
        Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 5));
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    /** Whether the failure says the database could not be reached or dropped the connection (not a bad statement). */
    static boolean isOutage(RuntimeException e) {
        return e instanceof DataAccessResourceFailureException || e instanceof TransientDataAccessException
                || e instanceof RecoverableDataAccessException || e instanceof CannotCreateTransactionException
                || e instanceof TransactionSystemException;
    }

    /**
     * Runs {@code write}, and again after a backoff (100 ms doubling to 2 s) while the database is out, for up to
     * {@code patience}; then, or on any other failure, or when the thread is interrupted, the failure is thrown.
     */
    static <T> T retry(String what, Duration patience, Supplier<T> write) {
        long giveUpAt = System.nanoTime() + patience.toNanos();
        int failures = 0;
        while (true) {
            try {
                T result = write.get();
                if (failures > 0) {
                    log.info("Wrote {} after the database came back ({} failed tries)", what, failures);
                }
                return result;
            } catch (RuntimeException e) {
                if (!isOutage(e) || System.nanoTime() >= giveUpAt || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                failures++;
                if (failures == 1) {
                    // the class only: a database error's message can quote the values it was given
                    log.warn("Could not write {} ({}); trying again while the database comes back", what,
                            e.getClass().getSimpleName());
                }
                try {
                    Thread.sleep(waitAfter(failures).toMillis());
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
