package org.aviso.gateway.notify.sms;

import java.util.Map;

import org.aviso.gateway.crypto.Secret;
import org.aviso.gateway.web.PublicUrls;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class TwilioWebhookSignatureTest {

    /** Twilio's published example (twilio-java RequestValidatorTest). */
    static final String VECTOR_URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    static final Map<String, String> VECTOR_PARAMS = Map.of("CallSid", "CA1234567890ABCDE",
            "Caller", "+14158675309", "Digits", "1234", "From", "+14158675309", "To", "+18005551212");
    static final String VECTOR_SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    static final String TOKEN = "a-test-auth-token";
    static final String PUBLIC_BASE = "https://alerts.example.org";
    static final Map<String, String> CALLBACK = Map.of("MessageSid", "SM5f2c4e7a9b1d3f5a7c9e1b3d5f7a9c1e",
            "MessageStatus", "delivered", "AccountSid", TwilioApiStubs.ACCOUNT_SID);

    final TwilioWebhookSignature signature = new TwilioWebhookSignature(Secret.of(TOKEN), new PublicUrls(PUBLIC_BASE));

    @Test
    void acceptsTwiliosKnownVectorAndNothingElse() {
        TwilioWebhookSignature known = new TwilioWebhookSignature(Secret.of("12345"), new PublicUrls(PUBLIC_BASE));

        assertThat(known.isGenuine(VECTOR_URL, VECTOR_PARAMS, VECTOR_SIGNATURE)).isTrue();
        assertThat(TwilioSigner.sign("12345", VECTOR_URL, VECTOR_PARAMS)).isEqualTo(VECTOR_SIGNATURE);

        Map<String, String> tampered = new java.util.HashMap<>(VECTOR_PARAMS);
        tampered.put("Digits", "1235");
        assertThat(known.isGenuine(VECTOR_URL, tampered, VECTOR_SIGNATURE)).isFalse();
        assertThat(known.isGenuine("https://mycompany.com/myapp.php?foo=1&bar=3", VECTOR_PARAMS, VECTOR_SIGNATURE))
                .isFalse();
    }

    /** As the request arrives behind a TLS proxy: plain http, another host and port. */
    static MockHttpServletRequest behindProxy(String path, Map<String, String> form) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setScheme("http");
        request.setServerName("gateway.internal");
        request.setServerPort(8080);
        request.setContentType("application/x-www-form-urlencoded");
        form.forEach(request::addParameter);
        return request;
    }

    @Test
    void checksTheUrlTwilioCalledNotTheOneTheRequestArrivedOn() {
        MockHttpServletRequest request = behindProxy("/webhooks/twilio/status/42", CALLBACK);
        request.addHeader(TwilioWebhookSignature.HEADER,
                TwilioSigner.sign(TOKEN, PUBLIC_BASE + "/webhooks/twilio/status/42", CALLBACK));

        assertThat(signature.isGenuine(request)).isTrue();

        MockHttpServletRequest signedForInternalUrl = behindProxy("/webhooks/twilio/status/42", CALLBACK);
        signedForInternalUrl.addHeader(TwilioWebhookSignature.HEADER,
                TwilioSigner.sign(TOKEN, "http://gateway.internal:8080/webhooks/twilio/status/42", CALLBACK));
        assertThat(signature.isGenuine(signedForInternalUrl)).isFalse();
    }

    @Test
    void aSignatureForOneDeliveryDoesNotFitAnother() {
        MockHttpServletRequest request = behindProxy("/webhooks/twilio/status/43", CALLBACK);
        request.addHeader(TwilioWebhookSignature.HEADER,
                TwilioSigner.sign(TOKEN, PUBLIC_BASE + "/webhooks/twilio/status/42", CALLBACK));

        assertThat(signature.isGenuine(request)).isFalse();
    }

    @Test
    void refusesAMissingSignatureAQueryStringAndARepeatedParameter() {
        assertThat(signature.isGenuine(behindProxy("/webhooks/twilio/status/42", CALLBACK))).isFalse();

        MockHttpServletRequest blank = behindProxy("/webhooks/twilio/status/42", CALLBACK);
        blank.addHeader(TwilioWebhookSignature.HEADER, " ");
        assertThat(signature.isGenuine(blank)).isFalse();

        MockHttpServletRequest query = behindProxy("/webhooks/twilio/status/42", CALLBACK);
        query.setQueryString("MessageStatus=failed");
        query.addHeader(TwilioWebhookSignature.HEADER,
                TwilioSigner.sign(TOKEN, PUBLIC_BASE + "/webhooks/twilio/status/42", CALLBACK));
        assertThat(signature.isGenuine(query)).as("a query string is refused even with a valid body").isFalse();

        MockHttpServletRequest repeated = behindProxy("/webhooks/twilio/status/42", CALLBACK);
        repeated.addParameter("MessageStatus", "failed");
        repeated.addHeader(TwilioWebhookSignature.HEADER,
                TwilioSigner.sign(TOKEN, PUBLIC_BASE + "/webhooks/twilio/status/42", CALLBACK));
        assertThat(signature.isGenuine(repeated)).isFalse();
    }

    @Test
    void leavesTheServletContextPathToThePublicBaseUrl() {
        TwilioWebhookSignature underPath = new TwilioWebhookSignature(Secret.of(TOKEN),
                new PublicUrls(PUBLIC_BASE + "/aviso"));
        MockHttpServletRequest request = behindProxy("/aviso/webhooks/twilio/inbound", CALLBACK);
        request.setContextPath("/aviso");
        request.addHeader(TwilioWebhookSignature.HEADER,
                TwilioSigner.sign(TOKEN, PUBLIC_BASE + "/aviso/webhooks/twilio/inbound", CALLBACK));

        assertThat(underPath.isGenuine(request)).isTrue();
    }
}
