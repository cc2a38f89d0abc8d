package org.aviso.gateway.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

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
}
