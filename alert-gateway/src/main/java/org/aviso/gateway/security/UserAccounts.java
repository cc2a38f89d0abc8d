package org.aviso.gateway.security;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.crypto.BlindIndex;
import org.aviso.gateway.crypto.FieldCipher;
import org.aviso.gateway.crypto.FieldRef;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts of administrators and dispatchers: a passphrase (Argon2id) and a TOTP second factor. Failed
 * sign-ins slow down the name from the address they came from; only a right passphrase with wrong codes holds an
 * account; a wrong user name and a wrong passphrase look the same.
 */
@Service
public class UserAccounts {

    static final FieldRef USERNAME = FieldRef.of("user_account", "username_ct");
    static final FieldRef TOTP_SECRET = FieldRef.of("user_account", "totp_secret_ct");
    private static final String ISSUER = "Aviso";
    /** Checked against for names that have no account, so both take the same steps. */
    private static final String DUMMY_TOTP_SECRET = Totp.newSecret();
    private static final char[] PASSPHRASE_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final BlindIndex index;
    private final Passphrases passphrases;
    private final AuditLog audit;
    private final SecurityProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final SignInThrottle throttle;
    private final SecureRandom random = new SecureRandom();

    public UserAccounts(JdbcClient jdbc, FieldCipher cipher, BlindIndex index, Passphrases passphrases, AuditLog audit,
            SecurityProperties properties, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.index = index;
        this.passphrases = passphrases;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
        this.events = events;
        this.throttle = new SignInThrottle(properties.failureDelayCap());
    }

    /** What a new account holder needs once, shown or printed one time and never stored in clear. */
    public record NewAccount(UUID id, String username, String passphrase, String totpSecret, String totpUri) {

        @Override
        public String toString() {
            return "NewAccount[" + id + "]";
        }
    }

    @Transactional
    public NewAccount create(UUID networkId, UUID personId, AvisoRole role, String username) {
        if (role == AvisoRole.SITE_CONTACT) {
            throw new IllegalArgumentException("Site contacts enroll a device; they have no passphrase account");
        }
        String normalized = normalize(username);
        if (!normalized.matches("[a-z0-9._@-]{3,64}")) {
            throw new IllegalArgumentException("A user name has 3 to 64 letters, digits, dots, dashes or underscores");
        }
        if (findByUsername(normalized).isPresent()) {
            throw new IllegalArgumentException("That user name is taken");
        }
        UUID id = UUID.randomUUID();
        String passphrase = newPassphrase();
        String totpSecret = Totp.newSecret();
        jdbc.sql("""
                        insert into user_account (id, version, network_id, person_id, role, username_index, username_ct,
                                                  passphrase_hash, totp_secret_ct, created_at)
                        values (:id, 1, :network, :person, :role, :usernameIndex, :usernameCt, :hash, :totp, :now)
                        """)
                .param("id", id)
                .param("network", networkId)
                .param("person", personId)
                .param("role", role.name())
                .param("usernameIndex", index.of("username", normalized))
                .param("usernameCt", cipher.encrypt(networkId, USERNAME, id, normalized))
                .param("hash", passphrases.hash(passphrase))
                .param("totp", cipher.encrypt(networkId, TOTP_SECRET, id, totpSecret))
                .param("now", Timestamp.from(clock.instant()))
                .update();
        return new NewAccount(id, normalized, passphrase, totpSecret, Totp.enrollmentUri(ISSUER, normalized, totpSecret));
    }

    private String newPassphrase() {
        StringBuilder out = new StringBuilder();
        for (int group = 0; group < 5; group++) {
            if (group > 0) {
                out.append('-');
            }
            for (int i = 0; i < 4; i++) {
                out.append(PASSPHRASE_ALPHABET[random.nextInt(PASSPHRASE_ALPHABET.length)]);
            }
        }
        return out.toString();
    }

    static String normalize(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    record AccountRow(UUID id, UUID networkId, UUID personId, String role, String passphraseHash, byte[] totpSecretCt,
            long totpLastStep, int failedAttempts, Timestamp lockedUntil, boolean disabled) {
    }

    private Optional<AccountRow> findByUsername(String normalized) {
        return jdbc.sql("""
                        select id, network_id, person_id, role, passphrase_hash, totp_secret_ct, totp_last_step,
                               failed_attempts, locked_until, disabled
                          from user_account where username_index = :index for update
                        """)
                .param("index", index.of("username", normalized))
                .query(AccountRow.class)
                .optional();
    }

    /** The outcome of a sign-in. A failure never says which factor was wrong. */
    public sealed interface SignIn {
        record Success(AvisoPrincipal principal) implements SignIn {
        }

        record Refused(Duration delay) implements SignIn {
        }

        record Locked(Instant until) implements SignIn {
        }
    }

    /**
     * Checks a sign-in from {@code client} (the address the request came from). Wrong passphrases only slow down
     * that name from that address ({@link SignInThrottle}); they never hold the account, so nobody can lock its
     * owner out. A right passphrase with wrong codes {@link SecurityProperties#wrongCodesBeforeHold()} times in a row
     * holds the account, and its owner and the administrators are told ({@link AccountHeld}). Every refusal looks
     * the same, for names that exist and names that do not; only someone who gives both factors of a held account
     * learns that it is held.
     */
    @Transactional(noRollbackFor = RuntimeException.class)
    public SignIn signIn(String username, String passphrase, String totpCode, String client) {
        Instant now = clock.instant();
        String name = normalize(username);
        if (!throttle.mayTry(name, client, now)) {
            return new SignIn.Refused(Duration.ZERO);
        }
        Optional<AccountRow> found = findByUsername(name);
        if (found.isEmpty()) {
            passphrases.burn(passphrase);
            Totp.matchingStep(DUMMY_TOTP_SECRET, totpCode, now, 0);
            throttle.failed(name, client, now);
            return new SignIn.Refused(throttle.pause(1));
        }
        AccountRow account = found.get();
        boolean passphraseOk = passphrases.matches(passphrase, account.passphraseHash());
        String secret = cipher.decrypt(TOTP_SECRET, account.id(), account.totpSecretCt());
        OptionalLong step = Totp.matchingStep(secret, totpCode, now, account.totpLastStep());
        if (!passphraseOk) {
            throttle.failed(name, client, now);
            return new SignIn.Refused(throttle.pause(1));
        }
        boolean held = account.lockedUntil() != null && account.lockedUntil().toInstant().isAfter(now);
        if (held) {
            return step.isPresent() ? new SignIn.Locked(account.lockedUntil().toInstant())
                    : new SignIn.Refused(Duration.ZERO);
        }
        if (step.isPresent() && !account.disabled()) {
            jdbc.sql("""
                            update user_account set failed_attempts = 0, locked_until = null, totp_last_step = :step,
                                   last_sign_in_at = :now, version = version + 1 where id = :id
                            """)
                    .param("step", step.getAsLong())
                    .param("now", Timestamp.from(now))
                    .param("id", account.id())
                    .update();
            throttle.succeeded(name, client);
            audit.record(account.networkId(), "user:" + account.id(), AuditAction.SIGN_IN, "user:" + account.id(), "");
            return new SignIn.Success(new AvisoPrincipal(AvisoPrincipal.Kind.USER, account.id(), account.networkId(),
                    AvisoRole.valueOf(account.role()), account.personId(), null));
        }
        throttle.failed(name, client, now);
        if (account.disabled()) {
            return new SignIn.Refused(throttle.pause(1));
        }
        // the passphrase is right and the code is not: the passphrase may be known to someone else
        int wrongCodes = account.failedAttempts() + 1;
        boolean hold = wrongCodes >= properties.wrongCodesBeforeHold();
        Instant heldUntil = hold ? now.plus(properties.hold()) : null;
        jdbc.sql("update user_account set failed_attempts = :failures, locked_until = :until, version = version + 1 where id = :id")
                .param("failures", hold ? 0 : wrongCodes)
                .param("until", heldUntil == null ? null : Timestamp.from(heldUntil))
                .param("id", account.id())
                .update();
        audit.record(account.networkId(), "user:" + account.id(), AuditAction.SIGN_IN_FAILED, "user:" + account.id(),
                "right passphrase, wrong code " + wrongCodes);
        if (hold) {
            audit.record(account.networkId(), "system", AuditAction.ACCOUNT_LOCKED, "user:" + account.id(),
                    "held minutes=" + properties.hold().toMinutes());
            events.publishEvent(new AccountHeld(account.networkId(), account.id(), name, properties.hold(),
                    wrongCodes, noticeRecipients(account.networkId(), account.personId())));
        }
        return new SignIn.Refused(throttle.pause(1));
    }

    /** The owner's person (if any) and every administrator of the network who is a person of the tree. */
    private List<UUID> noticeRecipients(UUID networkId, UUID ownerPerson) {
        List<UUID> people = new java.util.ArrayList<>();
        if (ownerPerson != null) {
            people.add(ownerPerson);
        }
        people.addAll(jdbc.sql("""
                        select person_id from user_account
                         where network_id = :network and role = 'ADMINISTRATOR' and person_id is not null
                           and not disabled
                        """)
                .param("network", networkId)
                .query(UUID.class)
                .list());
        return people.stream().distinct().toList();
    }

    /** Forgets every sign-in failure this node remembers (tests start from a clean slate). */
    public void forgetFailures() {
        throttle.reset();
    }

    /** Records that a signed-in person signed out (the audit shows when a session ended on purpose). */
    @Transactional
    public void recordSignOut(AvisoPrincipal who) {
        audit.record(who.networkId(), who.actor(), AuditAction.SIGN_OUT, who.actor(), "");
    }

    /** Marks an account whose passphrase someone else has seen (a first start's): its next sign-in must set a new one. */
    @Transactional
    public void requirePassphraseChange(UUID accountId) {
        jdbc.sql("update user_account set must_change_passphrase = true, version = version + 1 where id = :id")
                .param("id", accountId)
                .update();
    }

    public boolean mustChangePassphrase(UUID accountId) {
        return jdbc.sql("select must_change_passphrase from user_account where id = :id")
                .param("id", accountId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /** Why a change of passphrase or authenticator was refused; each has words on the page. */
    public enum ChangeRefused { WRONG_PASSPHRASE, TOO_SHORT, TOO_LONG, NOT_REPEATED, SAME_AS_BEFORE, WRONG_CODE }

    /** Longest passphrase accepted: Argon2 reads it all, and nobody types more. */
    public static final int MAX_PASSPHRASE_LENGTH = 128;
    /** The longest user name an account may have (see {@code create}). */
    public static final int MAX_USERNAME_LENGTH = 64;

    /** Sets a new passphrase after checking the current one. Empty on success. */
    @Transactional
    public Optional<ChangeRefused> changePassphrase(AvisoPrincipal who, String current, String chosen, String repeated) {
        String hash = passphraseHash(who.id());
        if (current == null || current.length() > MAX_PASSPHRASE_LENGTH || !passphrases.matches(current, hash)) {
            return Optional.of(ChangeRefused.WRONG_PASSPHRASE);
        }
        if (chosen == null || chosen.length() < Passphrases.MIN_LENGTH) {
            return Optional.of(ChangeRefused.TOO_SHORT);
        }
        if (chosen.length() > MAX_PASSPHRASE_LENGTH) {
            return Optional.of(ChangeRefused.TOO_LONG);
        }
        if (!chosen.equals(repeated)) {
            return Optional.of(ChangeRefused.NOT_REPEATED);
        }
        if (chosen.equals(current)) {
            return Optional.of(ChangeRefused.SAME_AS_BEFORE);
        }
        jdbc.sql("""
                        update user_account set passphrase_hash = :hash, must_change_passphrase = false,
                               version = version + 1 where id = :id
                        """)
                .param("hash", passphrases.hash(chosen))
                .param("id", who.id())
                .update();
        audit.record(who.networkId(), who.actor(), AuditAction.PASSPHRASE_CHANGED, who.actor(), "");
        return Optional.empty();
    }

    /** A fresh TOTP secret for {@link #renewTotp}, with the link an authenticator app reads. */
    public record TotpOffer(String secret, String uri) {

        @Override
        public String toString() {
            return "TotpOffer[hidden]";
        }
    }

    public TotpOffer offerTotp(AvisoPrincipal who) {
        String username = jdbc.sql("select username_ct from user_account where id = :id")
                .param("id", who.id())
                .query((rs, n) -> cipher.decrypt(USERNAME, who.id(), rs.getBytes(1)))
                .single();
        String secret = Totp.newSecret();
        return new TotpOffer(secret, Totp.enrollmentUri(ISSUER, username, secret));
    }

    /**
     * Replaces the account's TOTP secret with {@code offer}'s, once the passphrase is right and the code shows the
     * app has the new secret. The old secret stops working at once. Empty on success.
     */
    @Transactional
    public Optional<ChangeRefused> renewTotp(AvisoPrincipal who, TotpOffer offer, String passphrase, String code) {
        if (passphrase == null || passphrase.length() > MAX_PASSPHRASE_LENGTH
                || !passphrases.matches(passphrase, passphraseHash(who.id()))) {
            return Optional.of(ChangeRefused.WRONG_PASSPHRASE);
        }
        OptionalLong step = Totp.matchingStep(offer.secret(), code, clock.instant(), 0);
        if (step.isEmpty()) {
            return Optional.of(ChangeRefused.WRONG_CODE);
        }
        jdbc.sql("""
                        update user_account set totp_secret_ct = :totp, totp_last_step = :step, version = version + 1
                         where id = :id
                        """)
                .param("totp", cipher.encrypt(who.networkId(), TOTP_SECRET, who.id(), offer.secret()))
                .param("step", step.getAsLong())
                .param("id", who.id())
                .update();
        audit.record(who.networkId(), who.actor(), AuditAction.TOTP_RENEWED, who.actor(), "");
        return Optional.empty();
    }

    private String passphraseHash(UUID accountId) {
        return jdbc.sql("select passphrase_hash from user_account where id = :id")
                .param("id", accountId)
                .query(String.class)
                .single();
    }

    /** A summary for the administration pages; the user name is decrypted for display only. */
    public record AccountSummary(UUID id, String username, AvisoRole role, UUID personId, Instant lastSignInAt,
            boolean locked, boolean disabled) {
    }

    public List<AccountSummary> list(UUID networkId) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        select id, username_ct, role, person_id, last_sign_in_at, locked_until, disabled
                          from user_account where network_id = :network order by created_at
                        """)
                .param("network", networkId)
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    Timestamp last = rs.getTimestamp("last_sign_in_at");
                    Timestamp locked = rs.getTimestamp("locked_until");
                    return new AccountSummary(id, cipher.decrypt(USERNAME, id, rs.getBytes("username_ct")),
                            AvisoRole.valueOf(rs.getString("role")), rs.getObject("person_id", UUID.class),
                            last == null ? null : last.toInstant(), locked != null && locked.toInstant().isAfter(now),
                            rs.getBoolean("disabled"));
                })
                .list();
    }

    public long count() {
        return jdbc.sql("select count(*) from user_account").query(Long.class).single();
    }
}
