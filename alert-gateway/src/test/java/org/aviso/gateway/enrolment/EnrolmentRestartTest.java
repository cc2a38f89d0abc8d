package org.aviso.gateway.enrolment;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.Channel;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.PhoneNumber;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.AvisoApplication;
import org.aviso.gateway.notify.simulated.SimulatedWorld;
import org.aviso.gateway.security.UserAccounts;
import org.aviso.gateway.testing.TestData;
import org.aviso.gateway.testing.TestPostgres;
import org.aviso.gateway.tree.PersonDetails;
import org.aviso.gateway.tree.TreeStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JOIN conversation survives a restart midway: the first application context stops between the language choice
 * and the YES, a new one starts on the same database (nothing in memory carries over), and the YES enrols the
 * family in the language chosen before the restart.
 */
class EnrolmentRestartTest {

    @TempDir
    Path data;

    private ConfigurableApplicationContext start(String databaseUrl) {
        return new SpringApplicationBuilder(AvisoApplication.class).run(
                "--server.port=0", "--spring.datasource.url=" + databaseUrl, "--spring.datasource.username=postgres",
                "--spring.datasource.password=", "--aviso.data-dir=" + data,
                "--aviso.crypto.master-secret=dGVzdC1vbmx5LW1hc3Rlci1zZWNyZXQtMzItYnl0ZXMhIQ==",
                "--aviso.demo.seed-on-start=false", "--aviso.scheduling.enabled=false",
                "--aviso.delivery.enabled=false", "--aviso.demo.simulation.auto-replies=false",
                "--logging.level.root=warn");
    }

    @Test
    void theConversationContinuesAfterTheServiceRestartsBetweenTheLanguageAndTheYes() {
        String database = TestPostgres.createDatabase("enrolrestart");
        PhoneNumber phone = new PhoneNumber("+15550189001");
        GroupId families;
        try (ConfigurableApplicationContext before = start(database)) {
            TreeStore tree = before.getBean(TreeStore.class);
            TestData testData = new TestData(tree, before.getBean(UserAccounts.class));
            TestData.SmallNetwork network = testData.smallNetwork("Restart");
            families = testData.group(network.network(), Optional.of(network.site()), "Restart families",
                    Tier.FAMILIES, EnumSet.of(AlertKind.VERIFIED));
            before.getBean(SiteEnrolments.class).save(new SiteEnrolments.Setting(network.site(), network.network(),
                    "RESTART", Optional.of(families), false));
            SimulatedWorld world = before.getBean(SimulatedWorld.class);
            assertThat(world.reply(Channel.SMS, "demo", phone, "UNIRME RESTART")).hasValueSatisfying(
                    menu -> assertThat(menu).contains("2 Español"));
            assertThat(world.reply(Channel.SMS, "demo", phone, "2")).hasValueSatisfying(
                    consent -> assertThat(consent).contains("Responda SÍ"));
        }

        try (ConfigurableApplicationContext after = start(database)) {
            SimulatedWorld world = after.getBean(SimulatedWorld.class);
            assertThat(world.reply(Channel.SMS, "demo", phone, "SÍ")).hasValueSatisfying(
                    welcome -> assertThat(welcome).startsWith("Ya está inscrito"));
            TreeStore tree = after.getBean(TreeStore.class);
            PersonDetails family = tree.peopleWithPhone(phone).get(0);
            assertThat(family.person().language()).isEqualTo(Language.SPANISH);
            assertThat(tree.members(families)).containsExactly(family.person().id());
        }
    }
}
