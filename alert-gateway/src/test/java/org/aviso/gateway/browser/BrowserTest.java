package org.aviso.gateway.browser;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.aviso.gateway.testing.CleanDatabaseExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a random port, driven from a real browser, as people use it: the real wall clock (no
 * {@code TestClock}: sign-in codes and receipts follow the time the server reads), the delivery engine running by
 * itself, and the demo's simulated phones answering with receipts after a few milliseconds. Simulated staff do not
 * answer on their own; the test answers for them. The context is closed after the class so its engine stops.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "aviso.delivery.enabled=true",
        "aviso.delivery.idle-poll=50ms",
        "aviso.demo.simulation.receipt-delay-min=20ms",
        "aviso.demo.simulation.receipt-delay-max=150ms",
        "aviso.demo.simulation.auto-replies=false"})
@ActiveProfiles("test")
@ExtendWith(CleanDatabaseExtension.class)
@DirtiesContext
public @interface BrowserTest {
}
