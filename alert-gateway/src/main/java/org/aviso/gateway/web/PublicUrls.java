package org.aviso.gateway.web;

import java.net.URI;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Links that leave the server: the alert check in every message, Twilio's callback URLs. Built from
 * {@code aviso.public-base-url} (the https address people and Twilio reach), never from a request.
 */
@Component
public class PublicUrls {

    private final String base;

    public PublicUrls(@Value("${aviso.public-base-url:}") String configured) {
        // an empty value (as env files write it) means "not set"
        String base = configured == null || configured.isBlank() ? "http://localhost:8080" : configured;
        URI uri = URI.create(base.strip());
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("aviso.public-base-url must be an absolute URL such as https://alerts.example.org");
        }
        this.base = base.strip().replaceAll("/+$", "");
    }

    public String base() {
        return base;
    }

    /** The public page that checks an alert's code. */
    public String alertCheck(String code) {
        return base + "/v/" + code;
    }

    public String path(String path) {
        return base + (path.startsWith("/") ? path : "/" + path);
    }
}
