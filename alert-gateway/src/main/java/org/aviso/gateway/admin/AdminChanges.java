package org.aviso.gateway.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.PhoneNumber;
import org.aviso.core.common.SiteId;
import org.aviso.core.quorum.QuorumPolicy;
import org.aviso.core.tree.CommunicationTree;
import org.aviso.core.tree.ContactPoint;
import org.aviso.core.tree.Group;
import org.aviso.core.tree.Network;
import org.aviso.core.tree.Person;
import org.aviso.core.tree.SignalStatus;
import org.aviso.core.tree.Site;
import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.page.NewReportPaging;
import org.aviso.gateway.page.PagePolicyStore;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.AvisoRole;
import org.aviso.gateway.security.NotInNetworkException;
import org.aviso.gateway.security.UserAccounts;
import org.aviso.gateway.tree.NetworkRecord;
import org.aviso.gateway.tree.PersonDetails;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the administration pages change, each change and its audit entry in one transaction. Audit details carry
 * ids, kinds and counts only: never a name, label or number.
 */
@Service
class AdminChanges {

    private final TreeStore tree;
    private final UserAccounts accounts;
    private final PagePolicyStore pagePolicies;
    private final AuditLog audit;

    private final org.aviso.gateway.delivery.SignalQueue signalQueue;

    AdminChanges(TreeStore tree, UserAccounts accounts, PagePolicyStore pagePolicies, AuditLog audit,
            org.aviso.gateway.delivery.SignalQueue signalQueue) {
        this.signalQueue = signalQueue;
        this.tree = tree;
        this.accounts = accounts;
        this.pagePolicies = pagePolicies;
        this.audit = audit;
    }

    @Transactional
    void saveSettings(AvisoPrincipal admin, AdminForms.SettingsForm form) {
        NetworkRecord current = network(admin);
        Network n = current.network();
        Network changed = new Network(n.id(), n.name(), n.languages(),
                new QuorumPolicy(form.quorumFamilyWide(), form.quorumStaffOnly()), n.incidentWindow(),
                n.incidentExpiry(), Duration.ofDays(form.retentionDays()),
                Duration.ofSeconds(form.receiptTimeoutSeconds()));
        tree.saveNetwork(new NetworkRecord(changed, current.zone()));
        signalQueue.saveLimit(n.id(), Duration.ofSeconds(form.signalQueueLimitSeconds()));
        audit.record(admin.networkId(), admin.actor(), AuditAction.SETTINGS_CHANGED, "network:" + n.id().value(),
                "retentionDays=" + form.retentionDays() + " quorum=" + form.quorumFamilyWide() + "/"
                        + form.quorumStaffOnly() + " receiptTimeoutSeconds=" + form.receiptTimeoutSeconds()
                        + " signalQueueLimitSeconds=" + form.signalQueueLimitSeconds());
    }

    /** Saves the network's policy for paging dispatchers; reports that arrive from now on are paged with it. */
    @Transactional
    void savePagePolicy(AvisoPrincipal admin, NewReportPaging paging) {
        NetworkId network = new NetworkId(requireAdmin(admin).networkId());
        pagePolicies.save(network, paging, admin.actor());
        audit.record(admin.networkId(), admin.actor(), AuditAction.SETTINGS_CHANGED, pagePolicySubject(network),
                "saved onCall=" + describe(paging.onCall()) + " backups=" + describe(paging.backups())
                        + " coordinators=" + describe(paging.coordinators()) + " repeat="
                        + (paging.repeatsUntilClaimed() ? "untilClaimed" : paging.repeat()));
    }

    /** Back to the built-in paging policy; nothing to record when the network already used it. */
    @Transactional
    void resetPagePolicy(AvisoPrincipal admin) {
        NetworkId network = new NetworkId(requireAdmin(admin).networkId());
        if (pagePolicies.reset(network)) {
            audit.record(admin.networkId(), admin.actor(), AuditAction.SETTINGS_CHANGED, pagePolicySubject(network),
                    "reset to the built-in default");
        }
    }

    static String pagePolicySubject(NetworkId network) {
        return "page-policy:" + network.value();
    }

    private static String describe(NewReportPaging.TierPaging tier) {
        return tier.channels().map(c -> c.name() + "/" + tier.waitMinutes() + "min").orElse("notPaged");
    }

    @Transactional
    SiteId saveSite(AvisoPrincipal admin, AdminForms.SiteForm form) {
        NetworkId network = new NetworkId(requireAdmin(admin).networkId());
        SiteId id = form.id() == null ? SiteId.random() : new SiteId(form.id());
        if (form.id() != null) {
            tree.site(network, id).orElseThrow(NotInNetworkException::new);
        }
        tree.saveSite(new Site(id, network, AdminForms.strip(form.name())));
        audit.record(admin.networkId(), admin.actor(), AuditAction.SETTINGS_CHANGED, "site:" + id.value(),
                form.id() == null ? "created" : "renamed");
        return id;
    }

    /** Saves a group after checking the whole tree still holds together (no backup loop, nothing dangling). */
    @Transactional
    GroupId saveGroup(AvisoPrincipal admin, AdminForms.GroupForm form) {
        NetworkId network = new NetworkId(requireAdmin(admin).networkId());
        GroupId id = form.id() == null ? GroupId.random() : new GroupId(form.id());
        if (form.id() != null) {
            tree.group(network, id).orElseThrow(NotInNetworkException::new);
        }
        Optional<SiteId> site = Optional.ofNullable(form.site()).map(SiteId::new);
        site.ifPresent(s -> tree.site(network, s).orElseThrow(NotInNetworkException::new));
        Optional<GroupId> backup = Optional.ofNullable(form.backup()).map(GroupId::new);
        backup.ifPresent(b -> tree.group(network, b).orElseThrow(NotInNetworkException::new));
        Group group = new Group(id, network, site, AdminForms.strip(form.name()), form.tier(), form.receives(),
                form.acknowledgementRequired(), Duration.ofMinutes(form.acknowledgementMinutes()), backup, form.mode());
        List<Group> groups = new ArrayList<>();
        tree.groups(network).stream().filter(g -> !g.id().equals(id)).forEach(groups::add);
        groups.add(group);
        CommunicationTree.of(network(admin).network(), tree.sites(network), groups, List.of(), Map.of());
        tree.saveGroup(group);
        audit.record(admin.networkId(), admin.actor(), AuditAction.SETTINGS_CHANGED, "group:" + id.value(),
                (form.id() == null ? "created" : "updated") + " tier=" + group.tier() + " mode=" + group.mode()
                        + " receives=" + group.receives().size() + " ack=" + group.acknowledgementRequired());
        return id;
    }

    @Transactional
    PersonId savePerson(AvisoPrincipal admin, AdminForms.PersonForm form) {
        NetworkId network = new NetworkId(requireAdmin(admin).networkId());
        Optional<PersonDetails> existing = Optional.ofNullable(form.id())
                .map(id -> tree.person(network, new PersonId(id)).orElseThrow(NotInNetworkException::new));
        PersonId id = existing.map(p -> p.person().id()).orElseGet(PersonId::random);
        Optional<SiteId> site = Optional.ofNullable(form.site()).map(SiteId::new);
        site.ifPresent(s -> tree.site(network, s).orElseThrow(NotInNetworkException::new));
        String typed = form.normalizedPhone();
        ContactPoint contact;
        boolean numberChanged;
        if (existing.isPresent() && (typed.isEmpty()
                || typed.equals(existing.get().person().contact().phone().e164()))) {
            contact = existing.get().person().contact();
            numberChanged = false;
        } else {
            // a new number: nothing we knew about the old one (Signal, opt-out, safety number) applies to it
            contact = new ContactPoint(new PhoneNumber(typed), SignalStatus.UNKNOWN, false, false, false);
            numberChanged = existing.isPresent();
        }
        String name = AdminForms.strip(form.name());
        String label = AdminForms.strip(form.label());
        Person person = new Person(id, network, form.roles(), Language.of(form.language()), contact,
                label.isEmpty() ? Optional.empty() : Optional.of(label));
        tree.savePerson(new PersonDetails(person, site, name.isEmpty() ? Optional.empty() : Optional.of(name),
                form.onCall()));
        Set<GroupId> wanted = new LinkedHashSet<>();
        for (UUID group : form.groups()) {
            wanted.add(tree.group(network, new GroupId(group)).orElseThrow(NotInNetworkException::new).id());
        }
        int added = 0;
        int removed = 0;
        for (Group group : tree.groups(network)) {
            boolean member = tree.members(group.id()).contains(id);
            if (wanted.contains(group.id()) && !member) {
                tree.addMember(group.id(), id);
                added++;
            } else if (!wanted.contains(group.id()) && member) {
                tree.removeMember(group.id(), id);
                removed++;
            }
        }
        audit.record(admin.networkId(), admin.actor(), AuditAction.PERSON_CHANGED, "person:" + id.value(),
                (existing.isEmpty() ? "created" : "updated") + " roles=" + String.join("+",
                        form.roles().stream().map(Enum::name).toList()) + " language=" + person.language()
                        + " numberChanged=" + numberChanged + " groupsAdded=" + added + " groupsRemoved=" + removed);
        return id;
    }

    @Transactional
    UserAccounts.NewAccount createAccount(AvisoPrincipal admin, AdminForms.AccountForm form) {
        NetworkId network = new NetworkId(requireAdmin(admin).networkId());
        if (form.person() != null) {
            tree.person(network, new PersonId(form.person())).orElseThrow(NotInNetworkException::new);
        }
        UserAccounts.NewAccount account = accounts.create(network.value(), form.person(),
                AvisoRole.valueOf(form.role()), form.username());
        audit.record(admin.networkId(), admin.actor(), AuditAction.SETTINGS_CHANGED, "user:" + account.id(),
                "account created role=" + form.role() + " linkedToPerson=" + (form.person() != null));
        return account;
    }

    private NetworkRecord network(AvisoPrincipal admin) {
        return tree.network(new NetworkId(requireAdmin(admin).networkId())).orElseThrow(NotInNetworkException::new);
    }

    private static AvisoPrincipal requireAdmin(AvisoPrincipal principal) {
        if (principal == null || !principal.isAdministrator()) {
            throw new AccessDeniedException("Administrators only");
        }
        return principal;
    }
}
