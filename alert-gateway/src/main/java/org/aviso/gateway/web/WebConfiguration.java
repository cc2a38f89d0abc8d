package org.aviso.gateway.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Pages speak English or Spanish: the browser's preference first, then whatever the person picks with
 * {@code ?lang=es} / {@code ?lang=en}, remembered in a cookie.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("es"));

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("AVISO_LANG");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSecure(true);
        resolver.setCookieHttpOnly(true);
        resolver.setDefaultLocaleFunction(request -> {
            Locale preferred = Locale.lookup(
                    Locale.LanguageRange.parse(headerOrDefault(request.getHeader("Accept-Language"))), SUPPORTED);
            return preferred != null ? preferred : Locale.ENGLISH;
        });
        return resolver;
    }

    private static String headerOrDefault(String header) {
        if (header == null || header.isBlank()) {
            return "en";
        }
        try {
            Locale.LanguageRange.parse(header);
            return header;
        } catch (IllegalArgumentException malformed) {
            return "en";
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor() {
            @Override
            protected Locale parseLocaleValue(String value) {
                // a language the pages do not speak falls back to the browser's preference
                return SUPPORTED.stream().filter(l -> l.getLanguage().equals(value)).findFirst().orElse(null);
            }
        };
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }

    /** Pages name {@code /favicon.svg}; browsers and tools that ask for the classic path are sent there. */
    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/favicon.ico", "/favicon.svg").setStatusCode(HttpStatus.MOVED_PERMANENTLY);
    }
}
