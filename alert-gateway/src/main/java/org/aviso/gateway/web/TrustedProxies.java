package org.aviso.gateway.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.catalina.valves.RemoteIpValve;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Who may tell Aviso a visitor's address: only the proxies named in {@code AVISO_TRUSTED_PROXIES} (exact IP
 * addresses, comma-separated; by default nobody). Tomcat's own {@link RemoteIpValve} reads {@code X-Forwarded-For}
 * and {@code X-Forwarded-Proto} ({@code server.forward-headers-strategy=native}), and only when the connection
 * comes from one of these addresses; from anybody else the headers change nothing, so a visitor cannot pick the
 * address every per-client limit counts. {@code Forwarded} (RFC 7239) is never read.
 */
@Component
class TrustedProxies implements WebServerFactoryCustomizer<TomcatWebServerFactory>, Ordered {

    private final List<String> addresses;

    TrustedProxies(@Value("${aviso.trusted-proxies:}") List<String> configured) {
        this.addresses = literalAddresses(configured);
    }

    /** Each entry must be an IP address literal (a host name would mean trusting whatever DNS says). */
    static List<String> literalAddresses(List<String> configured) {
        List<String> out = new ArrayList<>();
        for (String entry : configured) {
            String value = entry.strip();
            if (value.isEmpty()) {
                continue;
            }
            if (!value.matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException("AVISO_TRUSTED_PROXIES takes IP addresses, not '" + value + "'");
            }
            try {
                out.add(InetAddress.getByName(value).getHostAddress());
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("AVISO_TRUSTED_PROXIES: not an IP address: " + value, e);
            }
        }
        return List.copyOf(out);
    }

    /** The regular expression Tomcat matches the peer's address against; empty matches nobody. */
    String internalProxiesPattern() {
        return addresses.stream().map(Pattern::quote).collect(Collectors.joining("|"));
    }

    @Override
    public void customize(TomcatWebServerFactory factory) {
        for (var valve : factory.getEngineValves()) {
            if (valve instanceof RemoteIpValve remoteIp) {
                remoteIp.setInternalProxies(internalProxiesPattern());
                remoteIp.setTrustedProxies(null);
            }
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after Boot's own customizer has added the valve
    }
}
