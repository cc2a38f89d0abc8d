package org.aviso.gateway.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.aviso.core.common.NetworkId;
import org.aviso.gateway.settings.AvisoDataDirectory;
import org.aviso.gateway.security.AvisoRole;
import org.aviso.gateway.security.UserAccounts;
import org.aviso.gateway.settings.DemoMode;
import org.aviso.gateway.tree.NetworkRecord;
import org.aviso.gateway.tree.TreeStore;
import org.aviso.gateway.web.PublicUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the very first start (no network yet): in demo mode, seeds the example community; otherwise creates the
 * network and its first administrator. Either way the first-sign-in credentials are written once to a file only the
 * service's user may read, in the data folder ({@link FirstSignInFile}); the log and the console get its path only.
 * Only hashes are kept in the database. A real first administrator must choose a new passphrase at the first
 * sign-in.
 */
@Component
class StartupSeeding implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(StartupSeeding.class);

    private final DemoMode demo;
    private final DemoSeeder seeder;
    private final TreeStore tree;
    private final UserAccounts accounts;
    private final PublicUrls urls;
    private final TransactionTemplate transactions;
    private final AvisoDataDirectory data;
    private final boolean seedOnStart;
    private final String networkName;
    private final String command;

    StartupSeeding(DemoMode demo, DemoSeeder seeder, TreeStore tree, UserAccounts accounts, PublicUrls urls,
            TransactionTemplate transactions, AvisoDataDirectory data, @Value("${aviso.demo.seed-on-start:true}") boolean seedOnStart,
            @Value("${aviso.network-name:Rapid Response Network}") String networkName,
            @Value("${aviso.command:}") String command) {
        this.demo = demo;
        this.seeder = seeder;
        this.tree = tree;
        this.accounts = accounts;
        this.urls = urls;
        this.transactions = transactions;
        this.data = data;
        this.seedOnStart = seedOnStart;
        this.networkName = networkName;
        this.command = command;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!seedOnStart || !command.isBlank() || !tree.networks().isEmpty()) {
            return;
        }
        if (demo.enabled()) {
            DemoSeeder.DemoSeed seed = seeder.seed();
            List<String> lines = new ArrayList<>();
            lines.add("AVISO DEMO - example data created. No real message is ever sent in demo mode.");
            lines.add("Open " + urls.base() + " . Nobody else can read this file; delete it when you no longer need it.");
            lines.add("Each sign-in needs the passphrase AND a 6-digit code from an authenticator app: add the");
            lines.add("secret below to your app (or run: oathtool --totp -b SECRET).");
            for (UserAccounts.NewAccount account : seed.accounts()) {
                lines.add("");
                lines.add("  user name:  " + account.username());
                lines.add("  passphrase: " + account.passphrase());
                lines.add("  TOTP secret: " + account.totpSecret());
                lines.add("  TOTP link:   " + account.totpUri());
            }
            lines.add("");
            lines.add("Site contacts' phone form (open on a phone-sized window):");
            for (DemoSeeder.SiteContactEnrollment e : seed.enrollments()) {
                lines.add("  " + e.site() + " (" + e.person() + "): " + urls.path("/enroll#" + e.enrollment().code().display()));
            }
            lines.add("");
            lines.add("The demo inbox (signed in) shows every simulated Signal and SMS message.");
            Path file = FirstSignInFile.write(data.dataDir(), lines);
            DemoConsole.print(List.of("AVISO DEMO - example data created. The demo's user names, passphrases, TOTP secrets",
                    "and enrollment links are in " + file + " (readable by this user only):",
                    "  cat " + file));
            log.info("Demo data created; first-sign-in credentials are in {} (owner-only)", file);
        } else {
            UserAccounts.NewAccount admin = transactions.execute(status -> {
                NetworkId network = NetworkId.random();
                tree.saveNetwork(new NetworkRecord(org.aviso.core.tree.Network.defaults(network, networkName),
                        java.time.ZoneId.systemDefault()));
                UserAccounts.NewAccount created = accounts.create(network.value(), null, AvisoRole.ADMINISTRATOR, "admin");
                accounts.requirePassphraseChange(created.id());
                return created;
            });
            Path file = FirstSignInFile.write(data.dataDir(), List.of(
                    "AVISO - first start: network \"" + networkName + "\" and its first administrator created.",
                    "Sign in at " + urls.path("/signin") + " and enroll the TOTP secret in an app now. The first",
                    "sign-in asks for a new passphrase. Then delete this file.",
                    "  user name:   " + admin.username(),
                    "  passphrase:  " + admin.passphrase(),
                    "  TOTP secret: " + admin.totpSecret(),
                    "  TOTP link:   " + admin.totpUri()));
            log.info("First administrator created; its first-sign-in credentials are in {} (owner-only). "
                    + "Delete the file after the first sign-in.", file);
        }
    }
}
