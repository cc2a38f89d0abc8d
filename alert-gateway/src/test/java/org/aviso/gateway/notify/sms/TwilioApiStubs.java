package org.aviso.gateway.notify.sms;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/** Twilio's Messages API as WireMock stubs, with bodies shaped the way Twilio sends them. */
final class TwilioApiStubs {

    static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    static final String AUTH_TOKEN = "auth-token-9f8e7d6c5b4a39281706f5e4d3c2b1a0";
    static final String MESSAGING_SERVICE_SID = "MG0123456789abcdef0123456789abcdef";
    static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";
    static final String MESSAGE_SID = "SM5f2c4e7a9b1d3f5a7c9e1b3d5f7a9c1e";

    private TwilioApiStubs() {
    }

    static MappingBuilder messagesApi() {
        return post(urlPathEqualTo(MESSAGES_PATH));
    }

    /** Twilio's 201 for a send through a Messaging Service: status accepted, no From yet, num_segments 0. */
    static ResponseDefinitionBuilder created(String sid, String to, String body) {
        String json = """
                {"sid": "%1$s", "account_sid": "%2$s", "api_version": "2010-04-01", "body": "%3$s",
                 "num_segments": "0", "num_media": "0", "direction": "outbound-api", "from": null, "to": "%4$s",
                 "messaging_service_sid": "%5$s", "status": "accepted", "error_code": null, "error_message": null,
                 "price": null, "price_unit": null,
                 "date_created": "Mon, 02 Mar 2026 15:00:00 +0000", "date_updated": "Mon, 02 Mar 2026 15:00:00 +0000",
                 "date_sent": null,
                 "uri": "/2010-04-01/Accounts/%2$s/Messages/%1$s.json",
                 "subresource_uris": {"media": "/2010-04-01/Accounts/%2$s/Messages/%1$s/Media.json"}}
                """.formatted(sid, ACCOUNT_SID, body, to, MESSAGING_SERVICE_SID);
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(json);
    }

    /** An error as Twilio sends it: {code, message, more_info, status}. */
    static ResponseDefinitionBuilder error(int httpStatus, int code, String message) {
        String json = """
                {"code": %d, "message": "%s", "more_info": "https://www.twilio.com/docs/errors/%d", "status": %d}
                """.formatted(code, message, code, httpStatus);
        return aResponse().withStatus(httpStatus).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(json);
    }
}
