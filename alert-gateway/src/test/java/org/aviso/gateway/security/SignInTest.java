package org.aviso.gateway.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.delivery.DeliveryEngine;
import org.aviso.gateway.notify.simulated.DemoInbox;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestClock;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@AvisoTest
@AutoConfigureMockMvc
class SignInTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestData data;
    @Autowired
    TestClock clock;
    @Autowired
    AuditLog audit;
    @Autowired
    RateLimits limits;
    @Autowired
    UserAccounts accounts;
    @Autowired
    DeliveryEngine engine;
    @Autowired
    DemoInbox inbox;
    @Autowired
    JdbcTemplate jdbc;

    TestData.SmallNetwork network;

    @BeforeEach
    void setUp() {
        limits.reset();
        accounts.forgetFailures();
        clock.advance(Duration.ofMinutes(5)); // a fresh TOTP step for each test
        network = data.smallNetwork("Eastside");
    }

    private MvcResult signIn(String username, String passphrase, String code) throws Exception {
        return signIn(username, passphrase, code, "127.0.0.1");
    }

    private MvcResult signIn(String username, String passphrase, String code, String from) throws Exception {
        return mvc.perform(post("/signin").with(csrf()).with(request -> {
                            request.setRemoteAddr(from);
                            return request;
                        })
                        .param("username", username).param("passphrase", passphrase).param("code", code))
                .andReturn();
    }

    private String currentCode(UserAccounts.NewAccount account) {
        return Totp.code(account.totpSecret(), clock.instant());
    }

    @Test
    void signsInWithPassphraseAndCurrentTotpCodeAndOpensTheConsole() throws Exception {
        MvcResult result = signIn(network.accountA().username(), network.accountA().passphrase(),
                currentCode(network.accountA()));

        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/console");
        assertThat(audit.forSubject("user:" + network.accountA().id()))
                .extracting(e -> e.action()).containsExactly(AuditAction.SIGN_IN);
    }

    @Test
    void refusesTheRightPassphraseWithAWrongCode() throws Exception {
        MvcResult result = signIn(network.accountA().username(), network.accountA().passphrase(), "000000");

        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/signin?error");
    }

    @Test
    void refusesACodeThatWasAlreadyUsed() throws Exception {
        String code = currentCode(network.accountA());
        signIn(network.accountA().username(), network.accountA().passphrase(), code);

        MvcResult replay = signIn(network.accountA().username(), network.accountA().passphrase(), code);

        assertThat(replay.getResponse().getRedirectedUrl()).isEqualTo("/signin?error");
    }

    @Test
    void answersAnUnknownUserExactlyLikeAWrongPassphrase() throws Exception {
        MvcResult unknown = signIn("nobody-here", "whatever passphrase", "123456");
        MvcResult wrong = signIn(network.accountA().username(), "wrong passphrase!", currentCode(network.accountA()));

        assertThat(unknown.getResponse().getRedirectedUrl()).isEqualTo(wrong.getResponse().getRedirectedUrl());
    }

    @Test
    void aThousandWrongPassphrasesFromFiftyAddressesNeitherHoldTheAccountNorSlowItsOwner() throws Exception {
        String dispatcher = network.accountA().username();
        int throttledByAddress = 0;
        int refused = 0;
        long start = System.nanoTime();
        for (int round = 0; round < 20; round++) {
            for (int address = 0; address < 50; address++) {
                String location = signIn(dispatcher, "guess " + round + "-" + address + " xyz", "123456",
                        "198.51.100." + (address + 1)).getResponse().getRedirectedUrl();
                if ("/signin?throttled".equals(location)) {
                    throttledByAddress++;
                } else {
                    assertThat(location).isEqualTo("/signin?error");
                    refused++;
                }
            }
        }
        long attackMillis = (System.nanoTime() - start) / 1_000_000;

        long ownerStart = System.nanoTime();
        MvcResult owner = signIn(dispatcher, network.accountA().passphrase(), currentCode(network.accountA()),
                "203.0.113.77");
        long ownerMillis = (System.nanoTime() - ownerStart) / 1_000_000;

        System.out.printf("1000 wrong passphrases from 50 addresses in %d ms: %d refused, %d throttled per address; "
                + "then the owner from another address: %s in %d ms%n", attackMillis, refused, throttledByAddress,
                owner.getResponse().getRedirectedUrl(), ownerMillis);
        assertThat(refused + throttledByAddress).isEqualTo(1000);
        assertThat(owner.getResponse().getRedirectedUrl()).isEqualTo("/console");
        assertThat(audit.forSubject("user:" + network.accountA().id())).extracting(e -> e.action())
                .doesNotContain(AuditAction.ACCOUNT_LOCKED);
    }

    @Test
    void repeatedFailuresOfOneNameFromOneAddressAreRefusedUncheckedUntilThePausePasses() throws Exception {
        String dispatcher = network.accountB().username();
        signIn(dispatcher, "wrong passphrase one", "123456", "198.51.100.9");

        // within the pause even the right passphrase and code are not looked at, from that address
        MvcResult tooSoon = signIn(dispatcher, network.accountB().passphrase(), currentCode(network.accountB()),
                "198.51.100.9");
        assertThat(tooSoon.getResponse().getRedirectedUrl()).isEqualTo("/signin?error");

        clock.advance(SignInThrottle.FIRST_PAUSE);
        MvcResult later = signIn(dispatcher, network.accountB().passphrase(), currentCode(network.accountB()),
                "198.51.100.9");
        assertThat(later.getResponse().getRedirectedUrl()).isEqualTo("/console");
    }

    @Test
    void theRightPassphraseWithWrongCodesHoldsTheAccountAndTellsItsOwner() throws Exception {
        String dispatcher = network.accountA().username();
        for (int i = 0; i < 3; i++) {
            MvcResult wrongCode = signIn(dispatcher, network.accountA().passphrase(), "000000", "198.51.100." + (20 + i));
            assertThat(wrongCode.getResponse().getRedirectedUrl()).isEqualTo("/signin?error");
        }

        // held: the owner, from their own address with both factors, reads that it is held, and cannot sign in
        MvcResult owner = signIn(dispatcher, network.accountA().passphrase(), currentCode(network.accountA()),
                "203.0.113.5");
        assertThat(owner.getResponse().getRedirectedUrl()).isEqualTo("/signin?locked");
        // whoever lacks the passphrase learns nothing: the same words as any refusal
        assertThat(signIn(dispatcher, "not the passphrase!", currentCode(network.accountA()), "203.0.113.6")
                .getResponse().getRedirectedUrl()).isEqualTo("/signin?error");
        assertThat(audit.forSubject("user:" + network.accountA().id())).extracting(e -> e.action())
                .contains(AuditAction.ACCOUNT_LOCKED);

        engine.runUntilIdle();
        assertThat(inbox.recent(network.network().value(), 10))
                .filteredOn(e -> e.direction().equals("OUT"))
                .extracting(DemoInbox.Entry::personId, DemoInbox.Entry::body)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(network.dispatcherA().value(),
                        "Aviso: the account " + dispatcher + " is held for 60 minutes: its passphrase was entered "
                                + "right with 3 wrong codes. If that was not its owner, someone knows the passphrase: "
                                + "change it."));

        clock.advance(Duration.ofMinutes(61));
        assertThat(signIn(dispatcher, network.accountA().passphrase(), currentCode(network.accountA()), "203.0.113.5")
                .getResponse().getRedirectedUrl()).isEqualTo("/console");
    }

    @Test
    void wrongPassphrasesNeverHoldAnAccountHoweverMany() throws Exception {
        for (int i = 0; i < 30; i++) {
            signIn(network.accountB().username(), "not the passphrase", "000000", "198.51.100." + (100 + i));
        }

        assertThat(signIn(network.accountB().username(), network.accountB().passphrase(),
                currentCode(network.accountB()), "198.51.100.99").getResponse().getRedirectedUrl()).isEqualTo("/console");
        assertThat(jdbc.queryForObject("select count(*) from user_account where locked_until is not null", Long.class))
                .isZero();
    }

    @Test
    void aKnownAndAnUnknownUserNameTakeTheSameTime() throws Exception {
        int rounds = 15;
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < rounds + 3; i++) {
            // a fresh address each time, so neither name is slowed by the other's failures
            long knownNanos = timed(network.accountA().username(), "198.51.100." + (i + 1));
            long unknownNanos = timed("nobody-" + i, "203.0.113." + (i + 1));
            if (i >= 3) { // the first rounds warm up
                known.add(knownNanos);
                unknown.add(unknownNanos);
            }
        }
        long knownMedian = median(known) / 1_000_000;
        long unknownMedian = median(unknown) / 1_000_000;
        System.out.printf("refusal time, median of %d: known name %d ms, unknown name %d ms%n", rounds, knownMedian,
                unknownMedian);
        long tolerance = Math.max(40, Math.max(knownMedian, unknownMedian) / 2);
        assertThat(Math.abs(knownMedian - unknownMedian)).as("difference of the medians, ms")
                .isLessThanOrEqualTo(tolerance);
    }

    private long timed(String username, String from) throws Exception {
        limits.reset();
        long start = System.nanoTime();
        MvcResult result = signIn(username, "a wrong passphrase here", "123456", from);
        long nanos = System.nanoTime() - start;
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/signin?error");
        return nanos;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    @Test
    void theThrottlePauseDoublesFromOneSecondUpToTheCap() {
        SignInThrottle throttle = new SignInThrottle(Duration.ofMinutes(1));
        assertThat(throttle.pause(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.pause(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(throttle.pause(7)).isEqualTo(Duration.ofMinutes(1));
        assertThat(throttle.pause(500)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void signingOutIsAudited() throws Exception {
        MvcResult signedIn = signIn(network.accountA().username(), network.accountA().passphrase(),
                currentCode(network.accountA()));
        MockHttpSession session = (MockHttpSession) signedIn.getRequest().getSession(false);

        mvc.perform(post("/signout").session(session).with(csrf())).andExpect(redirectedUrl("/signin?signedOut"));

        assertThat(audit.forSubject("user:" + network.accountA().id())).extracting(e -> e.action())
                .containsExactly(AuditAction.SIGN_IN, AuditAction.SIGN_OUT);
    }

    @Test
    void aFieldLongerThanTheFormSaysIsRefusedUncheckedWithTheReasonByThatField() throws Exception {
        String page = mvc.perform(get("/signin").header("Accept-Language", "es")).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("Hasta 64 caracteres.", "maxlength=\"64\"", "Hasta 128 caracteres.",
                "maxlength=\"128\"", "maxlength=\"7\"");

        String megabyte = "x".repeat(1_000_000);
        assertThat(signIn(megabyte, "whatever", "123456").getResponse().getRedirectedUrl())
                .isEqualTo("/signin?tooLong=username");
        assertThat(signIn(network.accountA().username(), megabyte, "123456").getResponse().getRedirectedUrl())
                .isEqualTo("/signin?tooLong=passphrase");
        assertThat(signIn(network.accountA().username(), network.accountA().passphrase(), "1234567890")
                .getResponse().getRedirectedUrl()).isEqualTo("/signin?tooLong=code");
        // nothing was checked: the right passphrase with a too-long code did not count as a failure or a sign-in
        assertThat(audit.forSubject("user:" + network.accountA().id())).isEmpty();

        String refused = mvc.perform(get("/signin").param("tooLong", "passphrase").header("Accept-Language", "es"))
                .andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("id=\"passphrase-error\"", "tiene más de 128 caracteres",
                "aria-describedby=\"passphrase-hint passphrase-error\"").doesNotContain(megabyte.substring(0, 100));
        // and the owner still signs in at once
        assertThat(signIn(network.accountA().username(), network.accountA().passphrase(),
                currentCode(network.accountA())).getResponse().getRedirectedUrl()).doesNotContain("/signin");
    }

    @Test
    void refusesASignInPostWithoutCsrfToken() throws Exception {
        mvc.perform(post("/signin").param("username", network.accountA().username())
                        .param("passphrase", network.accountA().passphrase())
                        .param("code", currentCode(network.accountA())))
                .andExpect(status().isForbidden());
    }

    @Test
    void sendsStrangersToSignInAndKeepsTheSessionCookieHttpOnlyAfterSignIn() throws Exception {
        mvc.perform(get("/console")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/signin"));
        MvcResult result = signIn(network.accountA().username(), network.accountA().passphrase(),
                currentCode(network.accountA()));
        MockHttpSession session = (MockHttpSession) result.getRequest().getSession(false);
        assertThat(session).isNotNull();
    }
}
