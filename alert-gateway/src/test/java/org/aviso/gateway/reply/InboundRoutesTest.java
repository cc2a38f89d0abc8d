package org.aviso.gateway.reply;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.aviso.core.common.Channel;
import org.aviso.core.common.PhoneNumber;
import org.aviso.core.reply.Reply;
import org.aviso.gateway.notify.InboundEvents.InboundReply;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A conversation in progress hears a "1" before the keywords do; free text reaches the routes after the keywords,
 * already kept; what no route takes is kept as unknown and not answered.
 */
@AvisoTest
@Import(InboundRoutesTest.Routes.class)
class InboundRoutesTest {

    static final AtomicReference<String> conversationWith = new AtomicReference<>();
    static final AtomicReference<Long> rowsSeenByFreeTextRoute = new AtomicReference<>();

    @TestConfiguration
    static class Routes {

        @Bean
        @Order(1)
        InboundRoute conversation() {
            return new InboundRoute() {
                public Phase phase() {
                    return Phase.BEFORE_KEYWORDS;
                }

                public Optional<Answer> take(Inbound message) {
                    boolean mine = message.raw().from().map(PhoneNumber::e164).filter(conversationWith.get()::equals)
                            .isPresent();
                    return mine ? Optional.of(Answer.reply("Language 1 it is.", "JOIN")) : Optional.empty();
                }
            };
        }

        @Bean
        @Order(2)
        InboundRoute freeText(JdbcTemplate jdbc) {
            return new InboundRoute() {
                public Phase phase() {
                    return Phase.AFTER_KEYWORDS;
                }

                public Optional<Answer> take(Inbound message) {
                    if (!(message.parsed() instanceof Reply.Unknown) || !message.raw().text().startsWith("Question")) {
                        return Optional.empty();
                    }
                    rowsSeenByFreeTextRoute.set(jdbc.queryForObject(
                            "select count(*) from inbound_message where id = any(?)", Long.class,
                            (Object) message.inboundIds().values().toArray(java.util.UUID[]::new)));
                    return Optional.of(Answer.silently("FREE_TEXT"));
                }
            };
        }
    }

    @Autowired
    ReplyHandler handler;
    @Autowired
    TestData data;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aConversationInProgressTakesItsAnswersBeforeTheyReadAsKeywords() {
        TestData.SmallNetwork network = data.smallNetwork("Routes");
        String phone = data.phoneOf(network.network(), network.dispatcherA());
        conversationWith.set(phone);

        Optional<String> answer = handler.handle(message(phone, "1"));

        assertThat(answer).contains("Language 1 it is.");
        assertThat(interpretations(network)).containsExactly("JOIN");
        conversationWith.set("");
    }

    @Test
    void freeTextReachesTheRoutesAlreadyKeptAndIsKeptAsTheRouteReadIt() {
        TestData.SmallNetwork network = data.smallNetwork("FreeText");
        String phone = data.phoneOf(network.network(), network.dispatcherB());

        Optional<String> answer = handler.handle(message(phone, "Question: is school open tomorrow?"));

        assertThat(answer).isEmpty();
        assertThat(rowsSeenByFreeTextRoute.get()).isEqualTo(1L);
        assertThat(interpretations(network)).containsExactly("FREE_TEXT");
    }

    @Test
    void textNoRouteTakesIsKeptAsUnknownAndNotAnswered() {
        TestData.SmallNetwork network = data.smallNetwork("Nobody");
        String phone = data.phoneOf(network.network(), network.dispatcherA());

        Optional<String> answer = handler.handle(message(phone, "hello?"));

        assertThat(answer).isEmpty();
        assertThat(interpretations(network)).containsExactly("UNKNOWN");
    }

    private java.util.List<String> interpretations(TestData.SmallNetwork network) {
        return jdbc.queryForList("select interpreted from inbound_message where network_id = ?", String.class,
                network.network().value());
    }

    private static InboundReply message(String from, String text) {
        return new InboundReply(Channel.SMS, "+15550009999", Optional.of(new PhoneNumber(from)), Optional.empty(), text,
                Optional.empty(), Instant.parse("2026-12-04T18:00:00Z"), false);
    }
}
