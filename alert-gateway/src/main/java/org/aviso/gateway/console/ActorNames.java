package org.aviso.gateway.console;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.gateway.security.Devices;
import org.aviso.gateway.security.UserAccounts;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.stereotype.Component;

/**
 * Turns the ids the audit log and the stores keep ({@code user:<id>}, {@code person:<id>}, {@code device:<id>})
 * into what a dispatcher recognises: an account's user name, a person's name or label. Never a phone number.
 */
@Component
public class ActorNames {

    private final UserAccounts accounts;
    private final Devices devices;
    private final TreeStore tree;

    ActorNames(UserAccounts accounts, Devices devices, TreeStore tree) {
        this.accounts = accounts;
        this.devices = devices;
        this.tree = tree;
    }

    /** How a template shows someone: a name, or a message key when there is no name to show. */
    public record Actor(String name, String messageKey) {

        static Actor named(String name) {
            return new Actor(name, null);
        }

        static Actor key(String key) {
            return new Actor(null, key);
        }
    }

    /**
     * The names of one network for one page. Accounts and phones are few and read at once; a person's name is read
     * (and decrypted) only when the page shows that person, once per page: the console's live part is drawn again
     * for every new report, and reading every family of a large network each time would make a flood of reports
     * slow down the console and the intake with it.
     */
    public Names of(NetworkId network) {
        Map<UUID, String> users = new HashMap<>();
        accounts.list(network.value()).forEach(account -> users.put(account.id(), account.username()));
        Map<UUID, UUID> devicePerson = new HashMap<>();
        devices.list(network.value()).forEach(device -> devicePerson.put(device.id(), device.personId()));
        return new Names(id -> tree.person(network, new PersonId(id))
                .flatMap(person -> person.name().or(() -> person.person().label())), users, devicePerson);
    }

    public static final class Names {
        private final Function<UUID, Optional<String>> lookUp;
        private final Map<UUID, Optional<String>> people = new HashMap<>();
        private final Map<UUID, String> users;
        private final Map<UUID, UUID> devicePerson;

        Names(Function<UUID, Optional<String>> lookUp, Map<UUID, String> users, Map<UUID, UUID> devicePerson) {
            this.lookUp = lookUp;
            this.users = users;
            this.devicePerson = devicePerson;
        }

        public Actor person(UUID id) {
            if (id == null) {
                return Actor.key("console.actor.unknown");
            }
            return people.computeIfAbsent(id, lookUp).map(Actor::named).orElse(Actor.key("console.actor.unknown"));
        }

        public Actor actor(String actor) {
            if (actor == null) {
                return Actor.key("console.actor.unknown");
            }
            int colon = actor.indexOf(':');
            if (colon < 0) {
                return "quorum".equals(actor) ? Actor.key("console.actor.quorum") : Actor.key("console.actor.system");
            }
            UUID id;
            try {
                id = UUID.fromString(actor.substring(colon + 1));
            } catch (IllegalArgumentException notAnId) {
                return Actor.key("console.actor.unknown");
            }
            switch (actor.substring(0, colon)) {
                case "user":
                    return Optional.ofNullable(users.get(id)).map(Actor::named)
                            .orElse(Actor.key("console.actor.unknown"));
                case "person":
                    return person(id);
                case "device":
                    return person(devicePerson.get(id));
                default:
                    return Actor.key("console.actor.unknown");
            }
        }
    }
}
