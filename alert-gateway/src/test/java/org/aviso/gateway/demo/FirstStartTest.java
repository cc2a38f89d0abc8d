package org.aviso.gateway.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.aviso.gateway.settings.AvisoDataDirectory;
import org.aviso.gateway.settings.DemoMode;
import org.aviso.gateway.security.Totp;
import org.aviso.gateway.security.UserAccounts;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestClock;
import org.aviso.gateway.tree.TreeStore;
import org.aviso.gateway.web.PublicUrls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A real (not demo) first start: the first administrator's credentials go to an owner-only file in the data folder,
 * never to the log or the console, and the first sign-in must replace the passphrase before anything else; then
 * the administrator can change it again and move the authenticator to a new app entry.
 */
@AvisoTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class FirstStartTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    TreeStore tree;
    @Autowired
    UserAccounts accounts;
    @Autowired
    DemoSeeder seeder;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    TestClock clock;

    @TempDir
    Path dataDir;

    @Test
    void credentialsGoToAnOwnerOnlyFileAndTheFirstSignInMustSetANewPassphrase(CapturedOutput output) throws Exception {
        MockEnvironment real = new MockEnvironment().withProperty("aviso.demo.enabled", "false");
        new StartupSeeding(new DemoMode(real), seeder, tree, accounts, new PublicUrls("https://alerts.example.org"),
                transactions, new AvisoDataDirectory(dataDir), true, "First Network", "").run(null);

        Path file = dataDir.resolve(FirstSignInFile.NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String text = Files.readString(file);
        String passphrase = find(text, "passphrase:\\s+(\\S+)");
        String secret = find(text, "TOTP secret:\\s+(\\S+)");
        assertThat(output.getAll()).contains(file.toString()).doesNotContain(passphrase).doesNotContain(secret);

        clock.advance(Duration.ofMinutes(5));
        MvcResult first = signIn("admin", passphrase, Totp.code(secret, clock.instant()));
        assertThat(first.getResponse().getRedirectedUrl()).isEqualTo("/account/passphrase?first");
        MockHttpSession session = (MockHttpSession) first.getRequest().getSession(false);

        // nothing else opens until the passphrase is replaced
        assertThat(mvc.perform(get("/admin").session(session)).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/account/passphrase?first");
        MvcResult tooShort = mvc.perform(post("/account/passphrase").session(session).with(csrf())
                .param("current", passphrase).param("chosen", "short").param("repeated", "short")).andReturn();
        assertThat(tooShort.getResponse().getStatus()).isEqualTo(400);
        assertThat(tooShort.getResponse().getContentAsString()).contains("too short");

        String mine = "correct horse battery staple";
        MvcResult changed = mvc.perform(post("/account/passphrase").session(session).with(csrf())
                .param("current", passphrase).param("chosen", mine).param("repeated", mine)).andReturn();
        assertThat(changed.getResponse().getRedirectedUrl()).isEqualTo("/account/passphrase?changed");
        assertThat(mvc.perform(get("/admin").session(session)).andReturn().getResponse().getStatus()).isEqualTo(200);

        // the passphrase from the file no longer works; the new one does, without the detour
        clock.advance(Duration.ofMinutes(1));
        assertThat(signIn("admin", passphrase, Totp.code(secret, clock.instant())).getResponse().getRedirectedUrl())
                .isEqualTo("/signin?error");
        clock.advance(Duration.ofMinutes(1));
        MvcResult again = signIn("admin", mine, Totp.code(secret, clock.instant()), "198.51.100.3");
        assertThat(again.getResponse().getRedirectedUrl()).isEqualTo("/console");

        // a new authenticator entry: the old secret stops working once the new one is confirmed
        MockHttpSession signedIn = (MockHttpSession) again.getRequest().getSession(false);
        String page = mvc.perform(get("/account/totp").session(signedIn)).andReturn().getResponse()
                .getContentAsString();
        String newSecret = find(page, "id=\"totp-secret\">([A-Z2-7]+)<");
        MvcResult wrong = mvc.perform(post("/account/totp").session(signedIn).with(csrf()).param("passphrase", mine)
                .param("code", Totp.code(secret, clock.instant()))).andReturn();
        assertThat(wrong.getResponse().getStatus()).isEqualTo(400);
        MvcResult renewed = mvc.perform(post("/account/totp").session(signedIn).with(csrf()).param("passphrase", mine)
                .param("code", Totp.code(newSecret, clock.instant()))).andReturn();
        assertThat(renewed.getResponse().getRedirectedUrl()).isEqualTo("/account/totp?renewed");

        clock.advance(Duration.ofMinutes(1));
        assertThat(signIn("admin", mine, Totp.code(secret, clock.instant()), "198.51.100.4").getResponse()
                .getRedirectedUrl()).isEqualTo("/signin?error");
        clock.advance(Duration.ofMinutes(1));
        assertThat(signIn("admin", mine, Totp.code(newSecret, clock.instant()), "198.51.100.5").getResponse()
                .getRedirectedUrl()).isEqualTo("/console");
    }

    private MvcResult signIn(String username, String passphrase, String code) throws Exception {
        return signIn(username, passphrase, code, "198.51.100.2");
    }

    private MvcResult signIn(String username, String passphrase, String code, String from) throws Exception {
        return mvc.perform(post("/signin").with(csrf()).with(request -> {
                    request.setRemoteAddr(from);
                    return request;
                }).param("username", username).param("passphrase", passphrase).param("code", code)).andReturn();
    }

    private static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as(regex + " in " + text.length() + " characters").isTrue();
        return matcher.group(1);
    }
}
