package org.aviso.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The domain's dependency rule as an allowlist, plus the conventions that keep it safe to log and to test on a clock.
 * Plain JUnit tests over ArchUnit's core library, so no extra test engine is needed.
 */
class CoreDependencyRuleTest {

    private static JavaClasses core;

    @BeforeAll
    static void importProductionClasses() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.aviso.core");
        assertThat(core.size()).as("the importer found the domain").isGreaterThan(50);
    }

    @Test
    void coreDependsOnlyOnTheJdkAndItself() {
        ArchRule rule = classes().that().resideInAPackage("org.aviso.core..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.aviso.core..")
                .because("alert-core is plain Java: no Spring, Jakarta, JDBC, logging or I/O library");
        rule.check(core);
    }

    @Test
    void coreDoesNoInputOrOutput() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio..", "java.net..",
                "java.sql..", "java.util.logging..", "java.lang.reflect..")
                .because("I/O belongs to the gateway; the domain is decisions as data")
                .check(core);
    }

    @Test
    void nothingPrintsToTheConsoleOrDumpsStackTraces() {
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(core);
    }

    @Test
    void timeComesFromAClockOrANowParameter() {
        noClasses().should().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(LocalDate.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().callMethod(OffsetDateTime.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .because("scenarios run on a test clock; time is injected as a Clock or an Instant now")
                .check(core);
    }

    @Test
    void noFieldAnywhereForImmigrationStatusNationalityOrStudentNames() {
        Pattern forbidden = Pattern.compile(".*(immigration|nationality|citizen|visa|status_?migra|student|child|"
                + "firstname|lastname|surname|birth).*");
        core.forEach(javaClass -> javaClass.getFields().forEach(field -> assertThat(
                forbidden.matcher(field.getName().toLowerCase(Locale.ROOT)).matches())
                .as(javaClass.getName() + "." + field.getName()).isFalse()));
    }
}
