package org.aviso.gateway.importing;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.aviso.core.common.Language;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.PhoneNumber;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.audit.AuditEntry;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.RawTables;
import org.aviso.gateway.testing.TestData;
import org.aviso.gateway.tree.PersonDetails;
import org.aviso.gateway.tree.TreeStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Importing a school's export, as an administrator would: dry run, apply, and the same file again. */
@AvisoTest
class ImportTest {

    /** A PowerSchool-style export with everything Aviso must never keep in it. */
    static final String POWERSCHOOL = """
            Student_Number,LastFirst,DOB,Citizenship,Country_of_Birth,Immigration_Status,School_Name,Grade_Level,Home_Room,Mother_Cell,Father_Cell,Home_Language,Bus_Route
            900101,"Zyxwvuta, Quennelore",2016-03-04,Mexico,Guatemala,Undocumented,Import Elementary,2,12,(213) 555-0101,(213) 555-0102,Spanish,Route 7
            900102,"Ombravanti, Heliotrix",2015-11-30,USA,USA,Citizen,Import Elementary,3,14,(213) 555-0103,,English,Route 9
            900103,"Zyxwvuta, Pellimora",2018-01-02,Mexico,Guatemala,Undocumented,Import Elementary,K,12,(213) 555-0101,,SP,Route 7
            900104,"Farquenbloom, Tessaly",2016-06-06,Honduras,Honduras,Pending,Import Elementary,2,12,555-01,,Español,Route 2
            900105,"Quibbleworth, Anandel",2016-06-07,USA,USA,Citizen,Nowhere Middle,2,12,(213) 555-0105,,English,Route 2
            """;

    @Autowired
    Imports imports;
    @Autowired
    TestData data;
    @Autowired
    TreeStore tree;
    @Autowired
    AuditLog audit;
    @Autowired
    DataSource dataSource;

    TestData.SmallNetwork network;

    @BeforeEach
    void setUp() {
        network = data.smallNetwork("Import");
    }

    private Imports.DryRun dryRun(String csv, Charset charset) {
        return imports.dryRun(network.network(), UUID.randomUUID(), csv.getBytes(charset), Optional.empty(), Map.of(),
                new ImportPlanner.Defaults(Optional.empty(), Role.FAMILY));
    }

    @Test
    void aDryRunNamesEveryRowsOutcomeAndEveryDroppedColumnAndChangesNothing() {
        int before = tree.people(network.network()).size();

        Imports.DryRun dryRun = dryRun(POWERSCHOOL, StandardCharsets.UTF_8);

        assertThat(dryRun.preset()).isEqualTo(ExportPresets.POWERSCHOOL);
        assertThat(dryRun.mapping().dropped()).extracting(d -> d.header() + "=" + d.reason()).containsExactly(
                "Student_Number=STUDENT_ID", "LastFirst=STUDENT_NAME", "DOB=BIRTH_DATE", "Citizenship=IMMIGRATION_STATUS",
                "Country_of_Birth=NATIONALITY", "Immigration_Status=IMMIGRATION_STATUS", "Bus_Route=UNMAPPED");
        ImportPlan plan = dryRun.plan();
        assertThat(plan.rows()).extracting(ImportPlan.RowPlan::line).containsExactly(2, 3, 4, 5, 6);
        assertThat(plan.rows().get(0).contacts()).extracting(ImportPlan.Contact::outcome)
                .containsExactly(ImportPlan.Outcome.ADD, ImportPlan.Outcome.ADD);
        assertThat(plan.rows().get(2).contacts()).extracting(ImportPlan.Contact::outcome)
                .containsExactly(ImportPlan.Outcome.DUPLICATE_IN_FILE);
        assertThat(plan.errors()).extracting(r -> r.line() + ":" + r.error().get().key())
                .containsExactly("5:import.error.phoneInvalid", "6:import.error.siteUnknown");
        assertThat(dryRun.totals().describe()).isEqualTo(
                "rows=5 errors=2 added=3 updated=0 unchanged=0 duplicatesInFile=1 alreadyInNetwork=0");
        assertThat(tree.people(network.network())).hasSize(before);
    }

    @Test
    void applyingAddsFamiliesToRoomGroupsWithTheirLanguageAndKeepsNoStudentDataAnywhere() throws Exception {
        Imports.DryRun dryRun = dryRun(POWERSCHOOL, StandardCharsets.UTF_8);

        Imports.Applied applied = imports.apply(network.network(), "user:" + network.administrator().id(),
                dryRun.token()).orElseThrow();

        assertThat(applied.totals().count(ImportPlan.Outcome.ADD)).isEqualTo(3);
        List<PersonDetails> families = tree.people(network.network()).stream()
                .filter(p -> p.person().hasRole(Role.FAMILY)).toList();
        assertThat(families).extracting(p -> p.person().contact().phone().e164() + " " + p.person().language().tag()
                        + " " + p.person().label().orElse(""))
                .containsExactlyInAnyOrder("+12135550101 es Room 12 family", "+12135550102 es Room 12 family",
                        "+12135550103 en Room 14 family");
        var room12 = tree.groups(network.network()).stream().filter(g -> g.name().equals("Room 12 families")).findFirst()
                .orElseThrow();
        assertThat(room12.tier()).isEqualTo(Tier.FAMILIES);
        assertThat(tree.members(room12.id())).hasSize(2);
        List<AuditEntry> entries = audit.recent(network.network().value(), 100).stream()
                .filter(e -> e.subject().startsWith("import:")).toList();
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).details()).contains("added=3").doesNotContain("0101", "Room", "Zyxwvuta");

        List<String> studentData = List.of("Zyxwvuta", "Quennelore", "Pellimora", "Ombravanti", "Heliotrix",
                "Farquenbloom", "Tessaly", "900101", "900102", "900103", "2016-03-04", "2015-11-30", "Undocumented",
                "Guatemala", "Honduras", "Citizen", "Route 7", "+12135550101", "2135550101");
        assertThat(RawTables.scan(dataSource, studentData, List.of())).isEmpty();
    }

    @Test
    void importingTheSameFileAgainChangesNothing() {
        imports.apply(network.network(), "system", dryRun(POWERSCHOOL, StandardCharsets.UTF_8).token()).orElseThrow();
        int people = tree.people(network.network()).size();
        int groups = tree.groups(network.network()).size();

        Imports.DryRun again = dryRun(POWERSCHOOL, StandardCharsets.UTF_8);

        assertThat(again.totals().describe()).isEqualTo(
                "rows=5 errors=2 added=0 updated=0 unchanged=3 duplicatesInFile=1 alreadyInNetwork=0");
        assertThat(again.totals().changes()).isFalse();
        imports.apply(network.network(), "system", again.token()).orElseThrow();
        assertThat(tree.people(network.network())).hasSize(people);
        assertThat(tree.groups(network.network())).hasSize(groups);
    }

    @Test
    void readsSemicolonsLatin1AndAByteOrderMarkAndMatchesNumbersAlreadyInTheNetworkByTheirBlindIndex() {
        PersonId staff = data.person(network.network(), Optional.of(network.site()), java.util.Set.of(Role.STAFF),
                Language.ENGLISH, SignalStatus.ON_SIGNAL, new PhoneNumber("+12135550150"), "Teacher T");
        String csv = "Role;Staff_Name;Telefono;Idioma\n"
                + "familia;;(213) 555-0150;Español\n"
                + "staff;Ms Núñez;(213) 555-0151;inglés\n"
                + "familia;;(213) 555-0152;Klingon\n";
        Imports.DryRun dryRun = imports.dryRun(network.network(), UUID.randomUUID(),
                csv.getBytes(Charset.forName("windows-1252")), Optional.empty(), Map.of(),
                new ImportPlanner.Defaults(Optional.of(network.site()), Role.FAMILY));

        assertThat(dryRun.export().delimiter()).isEqualTo(';');
        assertThat(dryRun.export().encoding()).isEqualTo("windows-1252");
        assertThat(dryRun.plan().rows().get(0).contacts()).extracting(ImportPlan.Contact::outcome)
                .containsExactly(ImportPlan.Outcome.IN_NETWORK);
        assertThat(dryRun.plan().rows().get(1).contacts()).extracting(ImportPlan.Contact::outcome)
                .containsExactly(ImportPlan.Outcome.ADD);
        assertThat(dryRun.plan().errors()).extracting(r -> r.line() + ":" + r.error().get().key())
                .containsExactly("4:import.error.languageUnknown");

        imports.apply(network.network(), "system", dryRun.token()).orElseThrow();
        assertThat(tree.person(network.network(), staff).orElseThrow().person().roles()).containsExactly(Role.STAFF);
        assertThat(tree.people(network.network())).anyMatch(p -> p.name().equals(Optional.of("Ms Núñez")));

        byte[] bom = ("\uFEFFphone,language\n(213) 555-0160,es\n").getBytes(StandardCharsets.UTF_8);
        Imports.DryRun withBom = imports.dryRun(network.network(), UUID.randomUUID(), bom, Optional.empty(), Map.of(),
                new ImportPlanner.Defaults(Optional.of(network.site()), Role.FAMILY));
        assertThat(withBom.mapping().headers()).containsExactly("phone", "language");
        assertThat(withBom.totals().count(ImportPlan.Outcome.ADD)).isEqualTo(1);
    }

    @Test
    void aSensitiveColumnIsDroppedEvenWhenTheAdministratorMapsIt() {
        String csv = "Student Name,Phone\nQuorbeline Vantastic,(213) 555-0170\n";
        Imports.DryRun dryRun = imports.dryRun(network.network(), UUID.randomUUID(), csv.getBytes(StandardCharsets.UTF_8),
                Optional.empty(), Map.of(0, ImportField.LABEL),
                new ImportPlanner.Defaults(Optional.of(network.site()), Role.FAMILY));

        assertThat(dryRun.mapping().field(0)).isEqualTo(ImportField.DROP);
        assertThat(dryRun.export().rows().get(0).cells()).doesNotContain("Quorbeline Vantastic");
        assertThat(dryRun.plan().rows().get(0).contacts().get(0).label).isEmpty();
    }
}
