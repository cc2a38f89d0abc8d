package org.aviso.gateway.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The gateway's packages form a graph without cycles: each package (a feature, or a channel under {@code notify})
 * can be read, tested and changed from its dependencies up. Contracts that two features share live with the
 * lower one (e.g. {@code notify.ReplyReceiver}, which the reply feature implements so that the outbox need not
 * know it), and plain settings live in {@code settings}.
 */
class GatewayArchitectureTest {

    static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.aviso.gateway");

    @Test
    void noPackageCycles() {
        slices().matching("org.aviso.gateway.(**)").should().beFreeOfCycles().check(GATEWAY);
    }

    /** The outbox and its kin: written by the delivery package only; other features call its API (OutboxChanges). */
    static final Pattern OUTBOX_WRITE = Pattern.compile(
            "(?i)\\b(insert\\s+into|update|delete\\s+from)\\s+(delivery|recipient_track|pending_receipt|direct_message"
                    + "|direct_message_body|sender_pace)\\b");

    @Test
    void onlyTheDeliveryPackageWritesTheOutbox() throws IOException {
        Path sources = Path.of("src/main/java/org/aviso/gateway");
        List<String> writers;
        try (Stream<Path> files = Files.walk(sources)) {
            writers = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !sources.relativize(f).startsWith("delivery"))
                    .flatMap(f -> {
                        try {
                            Matcher m = OUTBOX_WRITE.matcher(Files.readString(f));
                            Stream.Builder<String> found = Stream.builder();
                            while (m.find()) {
                                found.add(sources.relativize(f) + ": " + m.group());
                            }
                            return found.build();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
        assertThat(writers).as("SQL writing the outbox outside the delivery package").isEmpty();
    }

    @Test
    void theOutboxPatternSeesAWrite() {
        assertThat(OUTBOX_WRITE.matcher("jdbc.sql(\"update recipient_track set x = 1\")").find()).isTrue();
        assertThat(OUTBOX_WRITE.matcher("delete  from\n pending_receipt where").find()).isTrue();
        assertThat(OUTBOX_WRITE.matcher("select * from delivery").find()).isFalse();
    }
}
