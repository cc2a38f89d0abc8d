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

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts of administrators and dispatchers: a passphrase (Argon2id) and a TOTP second factor. Failed
 * sign-ins slow down and then lock the account; a wrong user name and a wrong passphrase look the same.
 */
@Service
public class UserAccounts {

    static final FieldRef USERNAME = FieldRef.of("user_account", "username_ct");
    static final FieldRef TOTP_SECRET = FieldRef.of("user_account", "totp_secret_ct");
    private static final String ISSUER = "Aviso";
    private static final char[] PASSPHRASE_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final BlindIndex index;
    private final Passphrases passphrases;
    private final AuditLog audit;
    private final SecurityProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public UserAccounts(JdbcClient jdbc, FieldCipher cipher, BlindIndex index, Passphrases passphrases, AuditLog audit,
            SecurityProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.index = index;
        this.passphrases = passphrases;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
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

    @Transactional(noRollbackFor = RuntimeException.class)
    public SignIn signIn(String username, String passphrase, String totpCode) {
        Instant now = clock.instant();
        Optional<AccountRow> found = findByUsername(normalize(username));
        if (found.isEmpty()) {
            passphrases.burn(passphrase);
            return new SignIn.Refused(Duration.ZERO);
        }
        AccountRow account = found.get();
        if (account.lockedUntil() != null && account.lockedUntil().toInstant().isAfter(now)) {
            passphrases.burn(passphrase);
            return new SignIn.Locked(account.lockedUntil().toInstant());
        }
        boolean passphraseOk = passphrases.matches(passphrase, account.passphraseHash());
        String secret = cipher.decrypt(TOTP_SECRET, account.id(), account.totpSecretCt());
        OptionalLong step = Totp.matchingStep(secret, totpCode, now, account.totpLastStep());
        if (passphraseOk && step.isPresent() && !account.disabled()) {
            jdbc.sql("""
                            update user_account set failed_attempts = 0, locked_until = null, totp_last_step = :step,
                                   last_sign_in_at = :now, version = version + 1 where id = :id
                            """)
                    .param("step", step.getAsLong())
                    .param("now", Timestamp.from(now))
                    .param("id", account.id())
                    .update();
            audit.record(account.networkId(), "user:" + account.id(), AuditAction.SIGN_IN, "user:" + account.id(), "");
            return new SignIn.Success(new AvisoPrincipal(AvisoPrincipal.Kind.USER, account.id(), account.networkId(),
                    AvisoRole.valueOf(account.role()), account.personId(), null));
        }
        int failures = account.failedAttempts() + 1;
        boolean lock = failures >= properties.maxFailedSignIns();
        Instant lockedUntil = lock ? now.plus(properties.lockout()) : null;
        jdbc.sql("update user_account set failed_attempts = :failures, locked_until = :until, version = version + 1 where id = :id")
                .param("failures", lock ? 0 : failures)
                .param("until", lockedUntil == null ? null : Timestamp.from(lockedUntil))
                .param("id", account.id())
                .update();
        audit.record(account.networkId(), "user:" + account.id(), AuditAction.SIGN_IN_FAILED, "user:" + account.id(),
                "attempt=" + failures);
        if (lock) {
            audit.record(account.networkId(), "system", AuditAction.ACCOUNT_LOCKED, "user:" + account.id(),
                    "minutes=" + properties.lockout().toMinutes());
            return new SignIn.Locked(lockedUntil);
        }
        return new SignIn.Refused(failureDelay(failures));
    }

    Duration failureDelay(int failures) {
        long millis = 250L << Math.min(failures - 1, 10);
        return Duration.ofMillis(Math.min(millis, properties.failureDelayCap().toMillis()));
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
