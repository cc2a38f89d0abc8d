package org.aviso.gateway.notify.signal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.aviso.core.common.GroupId;
import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.notify.ContactDirectory;
import org.aviso.gateway.notify.ContactDirectory.SignalGroupSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one Signal announcement group per tree group in GROUP mode (staff and network groups; families are never
 * in one, since members see each other's numbers). A group without a Signal group gets one, created by Aviso's
 * first account, where only that account may post, add members or edit. A group that has one gets its members
 * added and removed to follow the tree. Only groups whose id Aviso recorded are ever changed.
 *
 * <p>Signal refuses to create or extend a group with someone who has no Signal account, so members are looked up
 * first and only those on Signal are added; the others get their alerts by SMS.
 */
final class SignalGroupSync {

    private static final Logger log = LoggerFactory.getLogger(SignalGroupSync.class);

    private final SignalRpcClient client;
    private final ContactDirectory directory;
    private final String account;
    private final Set<String> ourAccounts;
    /** Groups whose creation may or may not have happened (the answer was lost): look before creating again. */
    private final Set<GroupId> unclearCreations = new HashSet<>();

    SignalGroupSync(SignalRpcClient client, ContactDirectory directory, SignalProperties properties) {
        this.client = client;
        this.directory = directory;
        this.account = properties.firstAccount();
        this.ourAccounts = Set.copyOf(properties.accounts());
    }

    synchronized void runRound() {
        List<SignalGroupSpec> specs = directory.signalGroups();
        if (specs.isEmpty()) {
            return;
        }
        Set<String> recordedIds = specs.stream().flatMap(s -> s.signalGroupId().stream()).collect(Collectors.toSet());
        GroupListing listing = new GroupListing();
        for (SignalGroupSpec spec : specs) {
            try {
                if (spec.signalGroupId().isPresent()) {
                    listing.get().ifPresent(groups -> follow(spec, groups.get(spec.signalGroupId().get())));
                } else if (unclearCreations.contains(spec.group())) {
                    listing.get().ifPresent(groups -> adoptOrCreate(spec, groups, recordedIds));
                } else {
                    create(spec);
                }
            } catch (RuntimeException e) {
                log.error("Keeping the Signal group of {} in line failed ({})", spec.group(),
                        e.getClass().getSimpleName());
            }
        }
    }

    private void create(SignalGroupSpec spec) {
        Optional<Map<String, Optional<String>>> onSignal = onSignal(numbersOf(spec.members()));
        if (onSignal.isEmpty()) {
            return;
        }
        List<String> members = List.copyOf(onSignal.get().keySet());
        RpcResult<GroupUpdate.Result> result = client.updateGroup(account, GroupUpdate.create(spec.name(), members));
        if (result instanceof RpcResult.Ok<GroupUpdate.Result> ok && ok.value().createdGroupId().isPresent()) {
            directory.recordSignalGroupId(spec.group(), ok.value().createdGroupId().get());
            unclearCreations.remove(spec.group());
            log.info("Created the Signal announcement group of {} with {} of its {} members (the others are not on "
                    + "Signal)", spec.group(), members.size(), spec.members().size());
        } else if (result instanceof RpcResult.Unknown<GroupUpdate.Result>) {
            unclearCreations.add(spec.group());
            log.warn("Creating the Signal group of {} had an unclear outcome ({}); the next round looks for it before "
                    + "creating another", spec.group(), SignalRpcClient.describe(result));
        } else {
            log.warn("Could not create the Signal group of {} ({}); trying again next round", spec.group(),
                    SignalRpcClient.describe(result));
        }
    }

    /** After an unclear creation: take the group it made if it is there (same name, ours, announcement-only). */
    private void adoptOrCreate(SignalGroupSpec spec, Map<String, SignalGroup> groups, Set<String> recordedIds) {
        Optional<SignalGroup> made = groups.values().stream()
                .filter(g -> spec.name().equals(g.name()))
                .filter(g -> SignalGroup.ONLY_ADMINS.equals(g.permissionSendMessage()))
                .filter(g -> !recordedIds.contains(g.id()))
                .filter(this::administeredByUs)
                .findFirst();
        if (made.isPresent()) {
            directory.recordSignalGroupId(spec.group(), made.get().id());
            unclearCreations.remove(spec.group());
            log.info("Found the Signal group of {} that an earlier round created", spec.group());
            follow(spec, made.get());
        } else {
            unclearCreations.remove(spec.group());
            create(spec);
        }
    }

    private boolean administeredByUs(SignalGroup group) {
        return group.members().stream()
                .anyMatch(m -> m.number() != null && ourAccounts.contains(m.number()) && Boolean.TRUE.equals(m.admin()));
    }

    private void follow(SignalGroupSpec spec, SignalGroup group) {
        if (group == null) {
            log.warn("The Signal group of {} is not among signal-cli's groups: was it deleted, or did Aviso's account "
                    + "leave it?", spec.group());
            return;
        }
        Set<String> wanted = new LinkedHashSet<>(numbersOf(spec.members()));
        wanted.removeAll(ourAccounts);
        Set<String> presentNumbers = new HashSet<>();
        Set<String> presentAcis = new HashSet<>();
        for (SignalGroup.Member member : concat(group.members(), group.pendingMembers())) {
            if (member.number() != null) {
                presentNumbers.add(member.number());
            }
            if (member.uuid() != null) {
                presentAcis.add(member.uuid());
            }
        }
        List<String> missing = wanted.stream().filter(n -> !presentNumbers.contains(n)).toList();
        // someone whose number is hidden shows up by ACI only: never removed, and not added twice
        List<String> toRemove = group.members().stream().map(SignalGroup.Member::number)
                .filter(n -> n != null && !wanted.contains(n) && !ourAccounts.contains(n))
                .toList();
        List<String> toAdd = List.of();
        if (!missing.isEmpty()) {
            toAdd = onSignal(missing)
                    .map(found -> found.entrySet().stream()
                            .filter(e -> e.getValue().map(aci -> !presentAcis.contains(aci)).orElse(true))
                            .map(Map.Entry::getKey).toList())
                    .orElse(List.of());
        }
        Optional<String> rename = spec.name().equals(group.name()) ? Optional.empty() : Optional.of(spec.name());
        boolean restoreAnnouncementOnly = !SignalGroup.ONLY_ADMINS.equals(group.permissionSendMessage());
        GroupUpdate change = GroupUpdate.change(group.id(), rename, toAdd, toRemove, restoreAnnouncementOnly);
        if (change.changesNothing()) {
            return;
        }
        RpcResult<GroupUpdate.Result> result = client.updateGroup(account, change);
        if (result instanceof RpcResult.Ok) {
            log.info("Signal group of {}: added {}, removed {}{}", spec.group(), toAdd.size(), toRemove.size(),
                    rename.isPresent() ? ", renamed" : "");
        } else {
            log.warn("Could not update the Signal group of {} ({}); trying again next round", spec.group(),
                    SignalRpcClient.describe(result));
        }
    }

    /** The numbers among these that are on Signal, with their ACI; empty when the lookup failed. */
    private Optional<Map<String, Optional<String>>> onSignal(List<String> numbers) {
        List<String> others = numbers.stream().filter(n -> !ourAccounts.contains(n)).toList();
        if (others.isEmpty()) {
            return Optional.of(Map.of());
        }
        RpcResult<List<UserStatus>> result = client.getUserStatus(account, others);
        if (!(result instanceof RpcResult.Ok<List<UserStatus>> ok)) {
            log.warn("Could not look up group members on Signal ({}); trying again next round",
                    SignalRpcClient.describe(result));
            return Optional.empty();
        }
        Map<String, UserStatus> byNumber = new HashMap<>();
        for (UserStatus status : ok.value()) {
            if (status.recipient() != null) {
                byNumber.put(status.recipient(), status);
            }
            if (status.number() != null) {
                byNumber.putIfAbsent(status.number(), status);
            }
        }
        Map<String, Optional<String>> registered = new LinkedHashMap<>();
        for (String number : others) {
            UserStatus status = byNumber.get(number);
            if (status != null && status.registered()) {
                registered.put(number, Optional.ofNullable(status.uuid()));
            }
        }
        return Optional.of(registered);
    }

    private static List<String> numbersOf(List<PhoneNumber> members) {
        return members.stream().map(PhoneNumber::e164).distinct().toList();
    }

    private static List<SignalGroup.Member> concat(List<SignalGroup.Member> a, List<SignalGroup.Member> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    /** signal-cli's groups, asked for at most once per round and only when needed. */
    private final class GroupListing {

        private Optional<Map<String, SignalGroup>> groups;

        Optional<Map<String, SignalGroup>> get() {
            if (groups == null) {
                RpcResult<List<SignalGroup>> result = client.listGroups(account);
                if (result instanceof RpcResult.Ok<List<SignalGroup>> ok) {
                    Map<String, SignalGroup> byId = new HashMap<>();
                    ok.value().stream().filter(g -> g.id() != null).forEach(g -> byId.put(g.id(), g));
                    groups = Optional.of(byId);
                } else {
                    log.warn("Could not list Signal groups ({}); trying again next round",
                            SignalRpcClient.describe(result));
                    groups = Optional.empty();
                }
            }
            return groups;
        }
    }
}
