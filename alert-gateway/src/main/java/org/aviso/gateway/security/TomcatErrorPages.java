package org.aviso.gateway.security;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Tomcat answers some requests itself, before Spring Security's headers are written: a malformed request line,
 * bad percent-encoding, a header line that is not one. Its error page then came without the security headers and
 * named the server. This replaces Tomcat's error report valve on the host with one that writes the same headers as
 * every page ({@link SecurityConfiguration}) and a short page in English and Spanish, with no server details. The
 * status stays Tomcat's (a 400 for such requests).
 */
@Component
class TomcatErrorPages implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final boolean https;

    TomcatErrorPages(@Value("${aviso.public-base-url:}") String publicBaseUrl) {
        this.https = publicBaseUrl != null && publicBaseUrl.strip().toLowerCase(Locale.ROOT).startsWith("https://");
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.setErrorReportValveClass(HeadedErrorReportValve.class.getName());
                HeadedErrorReportValve valve = new HeadedErrorReportValve();
                valve.https = https;
                host.getPipeline().addValve(valve);
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after Boot's own customizer, whose valve this one replaces
    }

    /** Tomcat's error report, with Aviso's security headers and no server details. */
    public static class HeadedErrorReportValve extends ErrorReportValve {

        boolean https;

        public HeadedErrorReportValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            response.setHeader("Content-Security-Policy", SecurityConfiguration.CONTENT_SECURITY_POLICY);
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setHeader("Permissions-Policy", SecurityConfiguration.PERMISSIONS_POLICY);
            response.setHeader("Cache-Control", "no-store");
            if (https) {
                response.setHeader("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
            }
            try {
                response.setContentType("text/html");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Aviso: "
                            + status + "</title></head><body><main><h1>" + status + "</h1>"
                            + "<p>This request could not be understood. Check the address and try again.</p>"
                            + "<p lang=\"es\">No se pudo entender esta solicitud. Revise la dirección e inténtelo de nuevo.</p>"
                            + "<p><a href=\"/\">Aviso</a></p></main></body></html>");
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client went away, or the response was already under way: nothing more to tell it
            }
        }
    }
}
