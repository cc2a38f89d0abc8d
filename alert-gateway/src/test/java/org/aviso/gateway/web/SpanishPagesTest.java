package org.aviso.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.aviso.gateway.testing.TestData.signedInAs;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.Channel;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.PhoneNumber;
import org.aviso.core.report.ReportStatus;
import org.aviso.core.report.Salute;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.alert.AlertService;
import org.aviso.gateway.alert.AlertStore;
import org.aviso.gateway.delivery.DeliveryEngine;
import org.aviso.gateway.notify.InboundEvents.InboundReply;
import org.aviso.gateway.reply.ReplyHandler;
import org.aviso.gateway.report.ReportService;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestClock;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.HtmlUtils;

/**
 * Nothing English on a Spanish page (issue 17 item 6). Every page the application serves by GET is found from its
 * request mappings (so a new page is checked without anyone listing it here), filled with a network that has a
 * report, a sent alert, a help request and a family's message, rendered in Spanish, and searched for the English
 * bundle's values: every text of {@code messages.properties} whose Spanish differs. Words the same in both languages
 * (Signal, SMS, OK) are not searched for; the test's own data is written in Spanish.
 */
@AvisoTest
@AutoConfigureMockMvc
class SpanishPagesTest {

    /** Mappings that are not pages, or that need what a MockMvc request cannot give; each with its reason. */
    static final Map<String, String> NOT_PAGES = Map.ofEntries(
            Map.entry("/api/console/alerts/{alertId}/deliveries", "JSON for the delivery panel's script"),
            Map.entry("/console/events", "a server-sent event stream"),
            Map.entry("/console/reports/{id}/photo", "an image"),
            Map.entry("/admin/import/template.csv", "a CSV file"),
            Map.entry("/admin/reachability/groups/{group}/tests/{message}", "needs a reachability test message"),
            Map.entry("/demo/inbox", "only in demo mode"),
            Map.entry("/report", "the site contact's phone form (enrolled device)"),
            Map.entry("/report/status/{code}", "the site contact's phone form (enrolled device)"),
            Map.entry("/", "redirects to the console"),
            Map.entry("/v", "redirects to /v/{code}"),
            Map.entry("/error", "the error page, rendered by errors"));

    /** Pages for people who are not signed in. */
    static final Set<String> PUBLIC = Set.of("/signin", "/enroll", "/v/{code}");

    /**
     * The only keys whose Spanish is the English, each legitimately: names (Aviso, Signal, SMS, ICE), punctuation
     * patterns, and the printed flyer, which carries its English and its Spanish side by side on purpose.
     */
    static final Set<String> SAME_IN_BOTH = Set.of("app.name", "salute.agency.ICE", "channel.SIGNAL", "channel.SMS",
            "console.actor.system", "console.messages.notSms", "admin.person.signal", "admin.person.sms",
            "admin.policies.tier", "import.dropped.item", "flyer.heading.en", "flyer.text.en", "flyer.signal.en",
            "flyer.privacy.en", "flyer.heading.es", "flyer.text.es", "flyer.signal.es", "flyer.privacy.es",
            "reachability.state.SIGNAL", "admin.profile.in", "help.resources.item", "help.resources.itemHours");

    @Test
    void aSpanishTextIsTheEnglishOnlyWhereThatIsRight() throws IOException {
        Properties en = load("messages.properties");
        Properties es = load("messages_es.properties");
        Set<String> same = new TreeSet<>();
        for (String key : en.stringPropertyNames()) {
            if (en.getProperty(key).equals(es.getProperty(key))) {
                same.add(key);
            }
        }
        assertThat(same).as("keys whose Spanish is still the English (translate them, or allow them here)")
                .isSubsetOf(SAME_IN_BOTH);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    TestData data;
    @Autowired
    ReportService reports;
    @Autowired
    AlertService alerts;
    @Autowired
    AlertStore alertStore;
    @Autowired
    DeliveryEngine engine;
    @Autowired
    ReplyHandler replies;
    @Autowired
    TestClock clock;

    @Test
    void noPageInSpanishShowsAnEnglishText() throws Exception {
        clock.set(TestClock.START);
        TestData.SmallNetwork red = data.smallNetwork("Este");
        GroupId familias = data.group(red.network(), Optional.of(red.site()), "Familias", Tier.FAMILIES,
                EnumSet.of(AlertKind.VERIFIED));
        PersonId familia = data.person(red.network(), Optional.of(red.site()), Set.of(Role.FAMILY), Language.SPANISH,
                SignalStatus.NOT_ON_SIGNAL, new PhoneNumber("+15550300017"), "Familia del salón 12", familias);
        AvisoPrincipal dana = red.dispatcherASignedIn();
        var report = reports.logCall(dana, red.site(), new ReportService.Submission(Salute.unknown(), "Dos camionetas",
                Optional.empty()));
        reports.claim(dana, report.id());
        reports.resolve(dana, report.id(), ReportStatus.VERIFIED);
        AlertService.Outcome composed = alerts.compose(dana, new AlertService.Composition(AlertKind.VERIFIED,
                Optional.of(report.id()), Optional.of(red.site()), Set.of(familias), "Quédense adentro.", List.of()));
        alerts.approve(red.dispatcherBSignedIn(), composed.alert());
        engine.runUntilIdle();
        String phone = "+15550300017";
        replies.handle(new InboundReply(Channel.SMS, "+15550009997", Optional.of(new PhoneNumber(phone)),
                Optional.empty(), "AYUDA", Optional.empty(), clock.instant(), false));
        replies.handle(new InboundReply(Channel.SMS, "+15550009997", Optional.of(new PhoneNumber(phone)),
                Optional.empty(), "¿Mañana hay clases?", Optional.empty(), clock.instant(), false));
        String code = alertStore.find(red.network(), composed.alert()).orElseThrow().alert().code().value();

        Map<String, String> variables = Map.of(
                "/admin/groups/{id}", familias.value().toString(),
                "/admin/people/{id}", familia.value().toString(),
                "/admin/sites/{id}/flyer", red.site().value().toString(),
                "/admin/sites/{site}/profile", red.site().value().toString(),
                "/console/alerts/{id}", composed.alert().value().toString(),
                "/console/alerts/{id}/check-in", composed.alert().value().toString(),
                "/console/alerts/{id}/follow-up", composed.alert().value().toString(),
                "/console/reports/{id}", report.id().value().toString(),
                "/v/{code}", code);
        Map<String, String> queries = Map.of("/admin/templates/edit", "?kind=VERIFIED&language=es&channel=SMS",
                "/console/alerts/{id}/follow-up", "?kind=UPDATE");

        Map<String, String> english = englishOnly();
        assertThat(english).as("the English values searched for").hasSizeGreaterThan(300);
        Map<String, List<String>> found = new TreeMap<>();
        List<String> checked = new ArrayList<>();
        for (String pattern : pages()) {
            if (NOT_PAGES.containsKey(pattern)) {
                continue;
            }
            String path = pattern;
            if (pattern.contains("{")) {
                assertThat(variables).as("a page to fill in or to list in NOT_PAGES: " + pattern).containsKey(pattern);
                path = pattern.replaceAll("\\{[^}]+}", variables.get(pattern));
            }
            path += queries.getOrDefault(pattern, "");
            AvisoPrincipal viewer = pattern.startsWith("/admin") ? red.administratorSignedIn() : dana;
            var request = get(path).header("Accept-Language", "es");
            if (!PUBLIC.contains(pattern)) {
                request = request.with(signedInAs(viewer));
            }
            MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
            if (response.getStatus() != 200) {
                found.put(pattern, List.of("status " + response.getStatus()));
                continue;
            }
            String text = visibleText(response.getContentAsString(StandardCharsets.UTF_8));
            List<String> leaks = new ArrayList<>();
            english.forEach((key, value) -> {
                if (contains(text, value)) {
                    leaks.add(key + "=" + value);
                }
            });
            if (!leaks.isEmpty()) {
                found.put(pattern, leaks);
            }
            checked.add(pattern);
        }
        assertThat(checked).as("pages rendered in Spanish").contains("/console", "/console/help", "/console/inbox",
                "/console/alerts/{id}/check-in", "/admin/sites/{site}/profile", "/v/{code}", "/signin");
        assertThat(found).as("English texts on Spanish pages (page -> key=value)").isEmpty();
    }

    private List<String> pages() {
        Set<String> pages = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, ?> entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            if (!methods.isEmpty() && !methods.contains(RequestMethod.GET)) {
                continue;
            }
            if (info.getPathPatternsCondition() != null) {
                pages.addAll(info.getPathPatternsCondition().getPatternValues());
            }
        }
        pages.removeIf(p -> p.startsWith("/actuator") || p.startsWith("/webhooks") || p.startsWith("/console/live"));
        return List.copyOf(pages);
    }

    /** Visible text and the attributes a person reads or hears (title, aria-label, placeholder, alt, button values). */
    static String visibleText(String html) {
        String withoutCode = html.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ");
        StringBuilder out = new StringBuilder();
        Matcher attributes = Pattern.compile("(?i)\\s(?:title|aria-label|placeholder|alt|value|content)=\"([^\"]*)\"")
                .matcher(withoutCode);
        while (attributes.find()) {
            out.append(' ').append(attributes.group(1));
        }
        out.append(' ').append(withoutCode.replaceAll("(?s)<[^>]*>", " "));
        return HtmlUtils.htmlUnescape(out.toString()).replaceAll("\\s+", " ");
    }

    static boolean contains(String text, String value) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(value) + "(?![\\p{L}\\p{N}])").matcher(text).find();
    }

    /**
     * The English bundle's texts whose Spanish differs, cut at their placeholders into the pieces a page shows as
     * written. A piece is searched for if it has two words or more and eight letters, so "Site" or "Email" (which a
     * Spanish page may show as a proper name) are not, and "Waiting for an answer" is.
     */
    static Map<String, String> englishOnly() throws IOException {
        Properties en = load("messages.properties");
        Properties es = load("messages_es.properties");
        Map<String, String> pieces = new LinkedHashMap<>();
        for (String key : new TreeSet<>(en.stringPropertyNames())) {
            String value = en.getProperty(key);
            if (value.equals(es.getProperty(key)) || SAME_IN_BOTH.contains(key)) {
                continue;
            }
            // choice formats and placeholders: keep the plain text between braces and outside them
            String plain = value.replace("''", "'");
            int i = 0;
            for (String piece : plain.split("[{}#|<]|\\b\\d+\\b")) {
                String p = piece.strip().replaceAll("^[\\p{Punct}\\s]+|[\\p{Punct}\\s]+$", "");
                if (p.split("\\s+").length >= 2 && p.replaceAll("[^\\p{L}]", "").length() >= 8
                        && !es.getProperty(key, "").contains(p)) {
                    pieces.put(key + (i++ == 0 ? "" : "#" + i), p);
                }
            }
        }
        return pieces;
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(SpanishPagesTest.class.getResourceAsStream("/" + name),
                StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
