package org.aviso.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
/** Accounts are Aviso's own (passphrase and TOTP); Boot's generated in-memory user is never wanted. */
public class AvisoApplication {

    public static void main(String[] args) {
        SpringApplication.run(AvisoApplication.class, args);
    }
}
