package org.aviso.gateway.importing;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.common.NetworkId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Column mappings for the exports schools actually have: PowerSchool, Aeries, Infinite Campus and Aviso's plain
 * template, plus the mappings an administrator saved under a name. A preset maps header names (compared without
 * case, spaces or punctuation) to fields; a header it does not know is dropped unless it plainly names a phone.
 * Saved presets hold header names and fields only, never a cell.
 */
@Component
public class ExportPresets {

    public static final String POWERSCHOOL = "PowerSchool";
    public static final String AERIES = "Aeries";
    public static final String INFINITE_CAMPUS = "Infinite Campus";
    public static final String PLAIN = "Aviso template";

    /** The plain template's header, as the import page offers it for download. */
    public static final String PLAIN_HEADER = "site,role,staff_name,label,language,phone,phone_2,homeroom,grade";

    public record Preset(String name, Map<String, ImportField> byHeader, boolean saved) {
    }

    private static final List<Preset> BUILT_IN = List.of(
            preset(POWERSCHOOL, "School_Name", ImportField.SITE, "SchoolName", ImportField.SITE,
                    "Grade_Level", ImportField.GRADE, "Home_Room", ImportField.HOMEROOM,
                    "Home_Phone", ImportField.PHONE, "Mother_Cell", ImportField.PHONE, "Father_Cell", ImportField.PHONE,
                    "Guardian_Cell", ImportField.PHONE, "Mother_Day_Phone", ImportField.PHONE,
                    "Father_Day_Phone", ImportField.PHONE, "Home_Language", ImportField.LANGUAGE,
                    "Language", ImportField.LANGUAGE, "Parent_Language", ImportField.LANGUAGE),
            preset(AERIES, "School Name", ImportField.SITE, "Grade", ImportField.GRADE, "Teacher", ImportField.HOMEROOM,
                    "Homeroom", ImportField.HOMEROOM, "Home Phone", ImportField.PHONE,
                    "Mother Cell Phone", ImportField.PHONE, "Father Cell Phone", ImportField.PHONE,
                    "Parent Cell Phone", ImportField.PHONE, "Home Language", ImportField.LANGUAGE,
                    "Correspondence Language", ImportField.LANGUAGE, "CorrLng", ImportField.LANGUAGE),
            preset(INFINITE_CAMPUS, "schoolName", ImportField.SITE, "grade", ImportField.GRADE,
                    "homeroomTeacher", ImportField.HOMEROOM, "homeroom", ImportField.HOMEROOM,
                    "guardian1CellPhone", ImportField.PHONE, "guardian2CellPhone", ImportField.PHONE,
                    "householdPhone", ImportField.PHONE, "homePrimaryLanguage", ImportField.LANGUAGE,
                    "guardianLanguage", ImportField.LANGUAGE),
            preset(PLAIN, "site", ImportField.SITE, "role", ImportField.ROLE, "staff_name", ImportField.STAFF_NAME,
                    "label", ImportField.LABEL, "language", ImportField.LANGUAGE, "phone", ImportField.PHONE,
                    "phone_2", ImportField.PHONE, "phone_3", ImportField.PHONE, "homeroom", ImportField.HOMEROOM,
                    "grade", ImportField.GRADE, "escuela", ImportField.SITE, "plantel", ImportField.SITE,
                    "school", ImportField.SITE, "rol", ImportField.ROLE, "etiqueta", ImportField.LABEL,
                    "idioma", ImportField.LANGUAGE, "salon", ImportField.HOMEROOM, "grado", ImportField.GRADE));

    private final JdbcClient jdbc;
    private final Clock clock;

    ExportPresets(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private static Preset preset(String name, Object... pairs) {
        Map<String, ImportField> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(SensitiveColumns.key((String) pairs[i]), (ImportField) pairs[i + 1]);
        }
        return new Preset(name, Map.copyOf(map), false);
    }

    /** The built-in presets, then the network's saved ones by name. */
    public List<Preset> all(NetworkId network) {
        List<Preset> all = new java.util.ArrayList<>(BUILT_IN);
        all.addAll(saved(network));
        return all;
    }

    public Optional<Preset> named(NetworkId network, String name) {
        return all(network).stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The preset that knows most of these headers (the plain template when none knows any). */
    public Preset detect(NetworkId network, List<String> headers) {
        Preset best = BUILT_IN.get(BUILT_IN.size() - 1);
        int bestScore = 0;
        for (Preset preset : all(network)) {
            int score = (int) headers.stream().filter(h -> preset.byHeader().containsKey(SensitiveColumns.key(h))).count();
            if (score > bestScore) {
                best = preset;
                bestScore = score;
            }
        }
        return best;
    }

    /** What the preset makes of each column; a header it does not know but that names a phone is read as one. */
    public static Map<Integer, ImportField> apply(Preset preset, List<String> headers) {
        Map<Integer, ImportField> chosen = new LinkedHashMap<>();
        for (int column = 0; column < headers.size(); column++) {
            String key = SensitiveColumns.key(headers.get(column));
            ImportField field = preset.byHeader().get(key);
            if (field == null && key.matches(".*(phone|cell|mobile|telefono|celular|movil).*")) {
                field = ImportField.PHONE;
            }
            if (field == null && key.matches(".*(language|idioma|lengua).*")) {
                field = ImportField.LANGUAGE;
            }
            if (field != null) {
                chosen.put(column, field);
            }
        }
        return chosen;
    }

    /** Saves the mapping under a name (replacing one of the same name); only headers and fields are kept. */
    @Transactional
    public void save(NetworkId network, String name, List<String> headers, ColumnMapping mapping) {
        StringBuilder text = new StringBuilder();
        for (int column = 0; column < headers.size(); column++) {
            ImportField field = mapping.field(column);
            if (field != ImportField.DROP) {
                text.append(SensitiveColumns.key(headers.get(column))).append('=').append(field.name()).append('\n');
            }
        }
        jdbc.sql("""
                        insert into import_preset (id, network_id, name, mapping, saved_at) values (:id, :network, :name, :mapping, :now)
                        on conflict (network_id, name) do update set mapping = excluded.mapping, saved_at = excluded.saved_at
                        """)
                .param("id", UUID.randomUUID()).param("network", network.value()).param("name", name)
                .param("mapping", text.toString()).param("now", Timestamp.from(clock.instant()))
                .update();
    }

    private List<Preset> saved(NetworkId network) {
        return jdbc.sql("select name, mapping from import_preset where network_id = :network order by name")
                .param("network", network.value())
                .query((rs, n) -> {
                    Map<String, ImportField> map = new LinkedHashMap<>();
                    for (String line : rs.getString("mapping").split("\n")) {
                        int eq = line.indexOf('=');
                        if (eq > 0) {
                            map.put(line.substring(0, eq), ImportField.valueOf(line.substring(eq + 1)));
                        }
                    }
                    return new Preset(rs.getString("name"), Map.copyOf(map), true);
                })
                .list();
    }
}
