package org.aviso.gateway.security;


import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
            + "serial=(), bluetooth=(), midi=(), accelerometer=(), gyroscope=(), magnetometer=(), display-capture=(), "
            + "interest-cohort=()";
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
            + "form-action 'self'; base-uri 'none'; object-src 'none'";

    @Bean
    SecurityFilterChain web(HttpSecurity http, UserAccounts accounts, Devices devices, RateLimits limits,
            SecurityProperties properties, @Value("${aviso.public-base-url:}") String publicBaseUrl) throws Exception {
        boolean https = publicBaseUrl != null && publicBaseUrl.strip().toLowerCase(java.util.Locale.ROOT).startsWith("https://");
        CookieCsrfTokenRepository csrfTokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        csrfTokens.setCookieCustomizer(cookie -> cookie.secure(true).sameSite("Lax"));
        http
                .authenticationProvider(new SignInAuthenticationProvider(accounts))
                .addFilterBefore(new SignInRateLimitFilter(limits), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new SignInFieldLimits(), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new MetricsTokenFilter(properties.metricsToken()), AbstractPreAuthenticatedProcessingFilter.class)
                .addFilterAfter(new DeviceAuthenticationFilter(devices), UsernamePasswordAuthenticationFilter.class)
                .addFilterAfter(new PassphraseChangeFilter(), DeviceAuthenticationFilter.class)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(PublicEndpoints.PATTERNS.toArray(String[]::new)).permitAll()
                        .requestMatchers("/admin/**").hasRole("ADMINISTRATOR")
                        .requestMatchers("/account/**").hasAnyRole("DISPATCHER", "ADMINISTRATOR")
                        .requestMatchers("/console/**", "/api/console/**", "/demo/**")
                        .hasAnyRole("DISPATCHER", "ADMINISTRATOR")
                        .requestMatchers("/report/**").hasRole("SITE_CONTACT")
                        .requestMatchers("/actuator/prometheus").hasAnyRole("ADMINISTRATOR", "METRICS")
                        .anyRequest().authenticated())
                .formLogin(form -> form
                        .loginPage("/signin")
                        .loginProcessingUrl("/signin")
                        .usernameParameter("username")
                        .passwordParameter("passphrase")
                        .authenticationDetailsSource(SignInAuthenticationProvider.detailsSource())
                        .successHandler((request, response, authentication) -> {
                            if (authentication.getPrincipal() instanceof AvisoPrincipal principal
                                    && accounts.mustChangePassphrase(principal.id())) {
                                request.getSession().setAttribute(AccountController.MUST_CHANGE, Boolean.TRUE);
                                response.sendRedirect(request.getContextPath() + "/account/passphrase?first");
                                return;
                            }
                            response.sendRedirect(request.getContextPath() + "/console");
                        })
                        .failureHandler((request, response, exception) -> response.sendRedirect(
                                request.getContextPath() + (exception instanceof org.springframework.security.authentication.LockedException
                                        ? "/signin?locked" : "/signin?error")))
                        .permitAll())
                .logout(logout -> logout
                        .logoutRequestMatcher(PathPatternRequestMatcher.pathPattern(org.springframework.http.HttpMethod.POST, "/signout"))
                        .addLogoutHandler((request, response, authentication) -> {
                            if (authentication != null && authentication.getPrincipal() instanceof AvisoPrincipal who
                                    && who.kind() == AvisoPrincipal.Kind.USER) {
                                accounts.recordSignOut(who);
                            }
                        })
                        .logoutSuccessUrl("/signin?signedOut")
                        .deleteCookies("JSESSIONID"))
                .csrf(csrf -> csrf
                        .csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .ignoringRequestMatchers(PublicEndpoints.SIGNATURE_VERIFIED.toArray(String[]::new)))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                                PathPatternRequestMatcher.pathPattern("/api/**"))
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                                PathPatternRequestMatcher.pathPattern("/actuator/**"))
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/enroll"),
                                PathPatternRequestMatcher.pathPattern("/report/**"))
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/signin"),
                                PathPatternRequestMatcher.pathPattern("/**")))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frame -> frame.deny())
                        // no page uses the camera, microphone, location or the like (a photo comes from a file input)
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", PERMISSIONS_POLICY))
                        // HSTS whenever people reach Aviso over https, also when Caddy's TLS ends before Aviso
                        .httpStrictTransportSecurity(hsts -> {
                            if (https) {
                                hsts.requestMatcher(AnyRequestMatcher.INSTANCE).maxAgeInSeconds(31_536_000)
                                        .includeSubDomains(true);
                            } else {
                                hsts.disable();
                            }
                        }))
                .addFilterBefore(new DirectErrorPathFilter(), org.springframework.security.web.csrf.CsrfFilter.class);
        return http.build();
    }

}
