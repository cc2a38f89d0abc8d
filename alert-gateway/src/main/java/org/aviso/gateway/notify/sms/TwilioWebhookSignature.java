package org.aviso.gateway.notify.sms;

import java.util.HashMap;
import java.util.Map;

import com.twilio.security.RequestValidator;
import jakarta.servlet.http.HttpServletRequest;
import org.aviso.gateway.crypto.Secret;
import org.aviso.gateway.web.PublicUrls;

/**
 * Tells a genuine Twilio webhook from a forged one by its {@code X-Twilio-Signature}: an HMAC, keyed with the auth
 * token, over the URL Twilio called and the form parameters of the body.
 *
 * <p>The URL is rebuilt from {@code aviso.public-base-url} and the request's path, never from request headers, so
 * the check holds behind a TLS proxy and a forged {@code Host} cannot steer it. Requests with a query string are
 * refused: Aviso's webhook URLs never have one, and the servlet API would mix its parameters into the body's,
 * which Twilio does not sign.
 */
final class TwilioWebhookSignature {

    static final String HEADER = "X-Twilio-Signature";

    private final RequestValidator validator;
    private final PublicUrls urls;

    TwilioWebhookSignature(Secret authToken, PublicUrls urls) {
        this.validator = new RequestValidator(authToken.reveal());
        this.urls = urls;
    }

    boolean isGenuine(HttpServletRequest request) {
        String signature = request.getHeader(HEADER);
        if (signature == null || signature.isBlank() || request.getQueryString() != null) {
            return false;
        }
        Map<String, String> form = new HashMap<>();
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            if (parameter.getValue().length != 1) {
                return false; // Twilio never repeats a name, and the signature covers only one value per name
            }
            form.put(parameter.getKey(), parameter.getValue()[0]);
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return isGenuine(urls.path(path), form, signature);
    }

    /** The check itself, for a URL exactly as Twilio called it and the body's parameters. */
    boolean isGenuine(String url, Map<String, String> form, String signature) {
        return validator.validate(url, form, signature);
    }
}
