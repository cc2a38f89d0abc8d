package org.aviso.gateway.importing;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.PhoneNumber;
import org.aviso.core.tree.ChannelMode;
import org.aviso.core.tree.ContactPoint;
import org.aviso.core.tree.Group;
import org.aviso.core.tree.Person;
import org.aviso.core.tree.SignalStatus;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.crypto.BlindIndex;
import org.aviso.gateway.security.NotInNetworkException;
import org.aviso.gateway.tree.NetworkRecord;
import org.aviso.gateway.tree.PersonDetails;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports staff and families from a school export: {@link #dryRun} reads and plans without changing anything;
 * {@link #apply} plans again against the network as it is now and writes everything in one transaction, with one
 * audit entry that holds the counts only. Importing the same file twice changes nothing the second time.
 */
@Service
public class Imports {

    private final TreeStore tree;
    private final BlindIndex blindIndex;
    private final PhoneReader phones;
    private final ExportPresets presets;
    private final PendingImports pending;
    private final AuditLog audit;

    Imports(TreeStore tree, BlindIndex blindIndex, PhoneReader phones, ExportPresets presets, PendingImports pending,
            AuditLog audit) {
        this.tree = tree;
        this.blindIndex = blindIndex;
        this.phones = phones;
        this.presets = presets;
        this.pending = pending;
        this.audit = audit;
    }

    /** What a dry run shows, with the token that applies it. */
    public record DryRun(UUID token, ImportPlan plan, ImportPlan.Totals totals, SchoolExport export,
            ColumnMapping mapping, String preset) {
    }

    /**
     * Reads the file and plans it. {@code presetName} empty: detected from the header; {@code chosen}, when given,
     * overrides the preset per column.
     */
    @Transactional(readOnly = true)
    public DryRun dryRun(NetworkId network, UUID admin, byte[] file, Optional<String> presetName,
            Map<Integer, ImportField> chosen, ImportPlanner.Defaults defaults) {
        SchoolExport read = SchoolExport.read(file);
        ExportPresets.Preset preset = presetName.filter(n -> !n.isBlank())
                .flatMap(n -> presets.named(network, n)).orElseGet(() -> presets.detect(network, read.headers()));
        Map<Integer, ImportField> fields = new LinkedHashMap<>(ExportPresets.apply(preset, read.headers()));
        fields.putAll(chosen);
        ColumnMapping mapping = ColumnMapping.of(read.headers(), fields);
        return plan(network, admin, ColumnMapping.withoutSensitive(read), mapping, defaults, preset.name());
    }

    /** Plans a kept export again with another mapping or defaults (the admin fixed something on the page). */
    @Transactional(readOnly = true)
    public Optional<DryRun> replan(NetworkId network, UUID token, Optional<Map<Integer, ImportField>> chosen,
            ImportPlanner.Defaults defaults) {
        return pending.find(token, network).map(p -> {
            ColumnMapping mapping = chosen.map(c -> ColumnMapping.of(p.export().headers(), c)).orElse(p.mapping());
            pending.forget(token);
            return plan(network, p.admin(), p.export(), mapping, defaults, p.preset());
        });
    }

    /** {@code remappable}: the export without its sensitive columns, kept for a later change of mapping. */
    private DryRun plan(NetworkId network, UUID admin, SchoolExport remappable, ColumnMapping mapping,
            ImportPlanner.Defaults defaults, String preset) {
        SchoolExport kept = mapping.keep(remappable);
        ImportPlan plan = planner().plan(kept, mapping, defaults, state(network));
        UUID token = pending.keep(network, admin, remappable, mapping, defaults, preset);
        return new DryRun(token, plan, plan.totals(), kept, mapping, preset);
    }

    public record Applied(ImportPlan.Totals totals) {
    }

    /** Applies a dry run by its token; empty when it expired or belongs to another network. */
    @Transactional
    public Optional<Applied> apply(NetworkId network, String actor, UUID token) {
        Optional<PendingImports.Pending> found = pending.find(token, network);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        PendingImports.Pending p = found.get();
        ImportPlan.Totals totals = applyNow(network, actor, p.mapping().keep(p.export()), p.mapping(), p.defaults());
        pending.forget(token);
        return Optional.of(new Applied(totals));
    }

    /** Plans and writes at once (the administrator command); returns what it did. */
    @Transactional
    public ImportPlan.Totals applyNow(NetworkId network, String actor, SchoolExport kept, ColumnMapping mapping,
            ImportPlanner.Defaults defaults) {
        ImportPlan plan = planner().plan(kept, mapping, defaults, state(network));
        Map<String, GroupId> groupIds = new HashMap<>();
        for (ImportPlan.NewGroup g : plan.newGroups()) {
            GroupId id = GroupId.random();
            Set<AlertKind> receives = EnumSet.of(AlertKind.VERIFIED, AlertKind.UPDATE, AlertKind.ALL_CLEAR,
                    AlertKind.FALSE_ALARM, AlertKind.DRILL);
            if (g.staff()) {
                receives.add(AlertKind.ADVISORY);
            }
            if (usedByAChange(plan, g.key())) {
                tree.saveGroup(new Group(id, network, Optional.of(g.site()), g.name(),
                        g.staff() ? Tier.STAFF : Tier.FAMILIES, receives, false, Duration.ofMinutes(5),
                        Optional.empty(), ChannelMode.DIRECT));
                groupIds.put(g.key(), id);
            }
        }
        List<PersonDetails> added = new java.util.ArrayList<>();
        List<Map.Entry<GroupId, PersonId>> memberships = new java.util.ArrayList<>();
        for (ImportPlan.RowPlan row : plan.rows()) {
            for (ImportPlan.Contact c : row.contacts()) {
                if (c.outcome == ImportPlan.Outcome.ADD) {
                    PersonId id = PersonId.random();
                    Person person = new Person(id, network, EnumSet.of(c.role), c.language,
                            new ContactPoint(c.phone, SignalStatus.UNKNOWN, false, false, false), c.label);
                    added.add(new PersonDetails(person, Optional.of(c.site), c.name, false));
                    join(id, c.groups, groupIds, memberships);
                } else if (c.outcome == ImportPlan.Outcome.UPDATE) {
                    PersonDetails current = tree.person(network, c.existing.orElseThrow())
                            .orElseThrow(NotInNetworkException::new);
                    Person p = current.person();
                    Person changed = new Person(p.id(), network, p.roles(), c.language, p.contact(),
                            c.label.isPresent() ? c.label : p.label());
                    tree.savePerson(new PersonDetails(changed, current.site(),
                            current.name().or(() -> c.name), current.onCall()));
                    join(p.id(), c.groups, groupIds, memberships);
                }
            }
        }
        // batched: a 5,000-row export is one round trip per few hundred rows, not two per number
        tree.addPeople(added);
        tree.addMembers(memberships);
        ImportPlan.Totals totals = plan.totals();
        audit.record(network.value(), actor, AuditAction.PERSON_CHANGED, "import:" + UUID.randomUUID(),
                "import " + totals.describe() + " groupsCreated=" + groupIds.size());
        return totals;
    }

    private static boolean usedByAChange(ImportPlan plan, String key) {
        return plan.rows().stream().flatMap(r -> r.contacts().stream())
                .anyMatch(c -> (c.outcome == ImportPlan.Outcome.ADD || c.outcome == ImportPlan.Outcome.UPDATE)
                        && c.groups.contains(key));
    }

    private static void join(PersonId person, Set<String> groups, Map<String, GroupId> created,
            List<Map.Entry<GroupId, PersonId>> memberships) {
        for (String key : groups) {
            GroupId group = created.containsKey(key) ? created.get(key)
                    : key.startsWith("new:") ? null : new GroupId(UUID.fromString(key));
            if (group != null) {
                memberships.add(Map.entry(group, person));
            }
        }
    }

    ImportPlanner planner() {
        return new ImportPlanner(phones, this::indexOf);
    }

    private String indexOf(PhoneNumber phone) {
        return HexFormat.of().formatHex(blindIndex.phone(phone.e164()));
    }

    /** The network as the planner compares against: people by the blind index of their number. */
    ImportPlanner.NetworkState state(NetworkId network) {
        NetworkRecord record = tree.network(network).orElseThrow(NotInNetworkException::new);
        List<Group> groups = tree.groups(network);
        Map<PersonId, Set<GroupId>> memberships = new HashMap<>();
        for (Group g : groups) {
            tree.members(g.id()).forEach(p -> memberships.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(g.id()));
        }
        Map<String, ImportPlanner.Existing> people = new HashMap<>();
        for (PersonDetails d : tree.people(network)) {
            Person p = d.person();
            people.put(indexOf(p.contact().phone()), new ImportPlanner.Existing(p.id(), d.site(), p.roles(),
                    p.language(), p.label(), memberships.getOrDefault(p.id(), Set.of())));
        }
        return new ImportPlanner.NetworkState(record.network().languages(), tree.sites(network), groups, people);
    }
}
