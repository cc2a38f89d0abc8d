package org.aviso.gateway.delivery;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.common.PersonId;
import org.aviso.core.tree.SignalStatus;
import org.aviso.gateway.crypto.BlindIndex;
import org.aviso.gateway.notify.ChannelTasks;
import org.aviso.gateway.notify.FailureReason;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a send outcome teaches Aviso about a person or a sender, recorded in the same transaction as the
 * outcome: a number not on Signal, a changed safety number, an opt-out, an unusable number, a captcha.
 */
class OutcomeEffects {

    sealed interface Effect {
    }

    /** Signal named the account behind the number: remember its ACI (as a keyed hash) to match receipts. */
    record SignalAccount(UUID personId, byte[] aciIndex) implements Effect {
    }

    record Failed(Outbox.Claimed delivery, FailureReason reason, String detail, String sender) implements Effect {
    }

    private final TreeStore tree;
    private final ChannelTasks tasks;
    private final BlindIndex blindIndex;
    private final JdbcTemplate jdbc;

    OutcomeEffects(TreeStore tree, ChannelTasks tasks, BlindIndex blindIndex, JdbcTemplate jdbc) {
        this.tree = tree;
        this.tasks = tasks;
        this.blindIndex = blindIndex;
        this.jdbc = jdbc;
    }

    void apply(List<Effect> effects) {
        List<SignalAccount> accounts = effects.stream()
                .filter(SignalAccount.class::isInstance)
                .map(SignalAccount.class::cast)
                .toList();
        if (!accounts.isEmpty()) {
            UUID[] people = accounts.stream().map(SignalAccount::personId).toArray(UUID[]::new);
            String[] indexes = accounts.stream()
                    .map(a -> java.util.HexFormat.of().formatHex(a.aciIndex()))
                    .toArray(String[]::new);
            // one statement for the batch; rows that already know their account are left alone
            jdbc.update("""
                            update person p set signal_aci_index = decode(v.aci, 'hex'), signal_status = 'ON_SIGNAL'
                              from unnest(?::uuid[], ?::text[]) as v(id, aci)
                             where p.id = v.id
                               and (p.signal_aci_index is distinct from decode(v.aci, 'hex') or p.signal_status <> 'ON_SIGNAL')
                            """, people, indexes);
        }
        for (Effect effect : effects) {
            if (effect instanceof Failed failed) {
                apply(failed);
            }
        }
    }

    private void apply(Failed failed) {
        PersonId person = new PersonId(failed.delivery().personId());
        String sender = failed.sender() == null ? "" : failed.sender();
        switch (failed.reason()) {
            case NOT_ON_SIGNAL -> tree.markSignalStatus(person, SignalStatus.NOT_ON_SIGNAL);
            case IDENTITY_CHANGED -> {
                tree.markIdentityChanged(person, true);
                tasks.raise(ChannelTasks.Kind.IDENTITY_CHANGED, sender, Optional.of(person), "");
            }
            case CAPTCHA_REQUIRED -> tasks.raise(ChannelTasks.Kind.CAPTCHA, sender, Optional.of(person), failed.detail());
            case OPTED_OUT -> tree.markSmsOptedOut(person, true);
            case INVALID_NUMBER, NOT_MOBILE -> tree.markSmsUnusable(person);
            case AUTHENTICATION_FAILED -> tasks.raise(ChannelTasks.Kind.CREDENTIALS_REFUSED, sender, Optional.empty(), "");
            default -> {
                // nothing to learn about the person: the planner decides the fallback from the outcome alone
            }
        }
    }
}
