package org.aviso.gateway.notify.sms;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.twilio.http.TwilioRestClient;
import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.notify.SentMessages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asking Twilio whether an SMS whose create call got no answer reached it: Twilio's Messages list for the number,
 * read as the API documents it (newest first, {@code date_created} in RFC 2822), with bodies shown or redacted.
 */
class TwilioSentMessagesTest {

    static final String ACCOUNT = TwilioApiStubs.ACCOUNT_SID;
    static final PhoneNumber FAMILY = PhoneNumber.of("+15558675310");
    static final String BODY = "Aviso: actividad cerca de la escuela.";
    static final Instant CALL_STARTED = Instant.parse("2026-12-05T08:00:00Z");
    static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", java.util.Locale.US);

    @RegisterExtension
    static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    TwilioHttpClient httpClient;

    @AfterEach
    void close() {
        if (httpClient != null) {
            httpClient.close();
        }
    }

    SentMessages lookup() {
        httpClient = new TwilioHttpClient(java.util.Optional.of(URI.create(twilio.baseUrl())), Duration.ofSeconds(2), Duration.ofSeconds(5));
        TwilioRestClient client = new TwilioRestClient.Builder(ACCOUNT, TwilioApiStubs.AUTH_TOKEN)
                .httpClient(httpClient).build();
        return new TwilioSentMessages(client);
    }

    static String message(String sid, String body, Instant created) {
        String date = created.atZone(ZoneOffset.UTC).format(RFC_2822);
        return "{\"sid\":\"" + sid + "\",\"account_sid\":\"" + ACCOUNT + "\",\"body\":\"" + body + "\",\"direction\":"
                + "\"outbound-api\",\"to\":\"" + FAMILY.e164() + "\",\"status\":\"delivered\",\"date_created\":\""
                + date + "\",\"date_updated\":\"" + date + "\",\"date_sent\":\"" + date + "\",\"num_segments\":\"1\"}";
    }

    static void listHolds(String... messages) {
        twilio.stubFor(get(urlPathEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json"))
                .withQueryParam("To", equalTo(FAMILY.e164()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"messages\":[" + String.join(",", messages) + "],\"end\":0,\"page\":0,"
                                + "\"page_size\":50,\"start\":0,\"next_page_uri\":null,\"previous_page_uri\":null,"
                                + "\"first_page_uri\":\"/x\",\"uri\":\"/x\"}")));
    }

    @Test
    void aMessageWithTheSameBodyCreatedAfterTheCallBeganIsFound() {
        listHolds(message("SMolder", BODY, CALL_STARTED.minusSeconds(3600)),
                message("SMours", BODY, CALL_STARTED.plusMillis(400)));

        assertThat(lookup().find(FAMILY, BODY, CALL_STARTED, sid -> false)).isEqualTo(new SentMessages.Found("SMours"));
    }

    @Test
    void anotherBodyIsNotOurs() {
        listHolds(message("SMother", "Something else", CALL_STARTED.plusMillis(400)));

        assertThat(lookup().find(FAMILY, BODY, CALL_STARTED, sid -> false)).isEqualTo(new SentMessages.NotFound());
    }

    @Test
    void withBodiesRedactedTheMessageCreatedJustAfterTheCallThatNoOtherDeliveryOwnsIsOurs() {
        // an account with message redaction on lists every body empty
        listHolds(message("SMlater", "", CALL_STARTED.plusSeconds(40)),
                message("SMours", "", CALL_STARTED.plusSeconds(1)),
                message("SMpage", "", CALL_STARTED.minusSeconds(30)));
        Set<String> ownedByOtherDeliveries = Set.of("SMpage");

        assertThat(lookup().find(FAMILY, BODY, CALL_STARTED, ownedByOtherDeliveries::contains))
                .isEqualTo(new SentMessages.Found("SMours"));
        assertThat(lookup().find(FAMILY, BODY, CALL_STARTED, Set.of("SMpage", "SMours")::contains))
                .as("the next closest one nobody owns").isEqualTo(new SentMessages.Found("SMlater"));
    }

    @Test
    void withBodiesRedactedAMessageOwnedElsewhereOrLongAfterTheCallIsNotOurs() {
        listHolds(message("SMpage", "", CALL_STARTED.plusSeconds(2)),
                message("SMnextDay", "", CALL_STARTED.plus(Duration.ofHours(20))));

        assertThat(lookup().find(FAMILY, BODY, CALL_STARTED, Set.of("SMpage")::contains))
                .isEqualTo(new SentMessages.NotFound());
    }

    @Test
    void twilioUnavailableIsAskAgainNotNotFound() {
        twilio.stubFor(get(urlPathEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json"))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":20503,\"message\":\"Service unavailable\",\"status\":503}")));

        assertThat(lookup().find(FAMILY, BODY, CALL_STARTED, sid -> false))
                .isInstanceOf(SentMessages.Unavailable.class);
    }
}
