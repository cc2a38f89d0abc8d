package org.aviso.gateway.security;

import java.time.Duration;

import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestClock;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
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

    TestData.SmallNetwork network;

    @BeforeEach
    void setUp() {
        limits.reset();
        clock.advance(Duration.ofMinutes(5)); // a fresh TOTP step for each test
        network = data.smallNetwork("Eastside");
    }

    private MvcResult signIn(String username, String passphrase, String code) throws Exception {
        return mvc.perform(post("/signin").with(csrf())
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
    void locksTheAccountAfterFiveFailuresEvenForTheRightCredentialsThenUnlocksLater() throws Exception {
        for (int i = 0; i < 5; i++) {
            signIn(network.accountB().username(), "not the passphrase", "000000");
        }
        MvcResult locked = signIn(network.accountB().username(), network.accountB().passphrase(),
                currentCode(network.accountB()));
        assertThat(locked.getResponse().getRedirectedUrl()).isEqualTo("/signin?locked");
        assertThat(audit.forSubject("user:" + network.accountB().id())).extracting(e -> e.action())
                .contains(AuditAction.ACCOUNT_LOCKED);

        clock.advance(Duration.ofMinutes(16));
        MvcResult later = signIn(network.accountB().username(), network.accountB().passphrase(),
                currentCode(network.accountB()));
        assertThat(later.getResponse().getRedirectedUrl()).isEqualTo("/console");
    }

    @Test
    void slowsDownRepeatedFailuresUpToTheCap() {
        UserAccounts accounts = new UserAccounts(null, null, null, null, null,
                new SecurityProperties(5, Duration.ofMinutes(15), Duration.ofSeconds(3), Duration.ofHours(72), null),
                clock);
        assertThat(accounts.failureDelay(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(accounts.failureDelay(3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(accounts.failureDelay(9)).isEqualTo(Duration.ofSeconds(3));
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
