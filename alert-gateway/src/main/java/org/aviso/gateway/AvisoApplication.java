package org.aviso.gateway;

import org.aviso.gateway.command.AvisoCommands;
import org.aviso.gateway.database.EarlyDatabaseStart;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
/** Accounts are Aviso's own (passphrase and TOTP); Boot's generated in-memory user is never wanted. */
public class AvisoApplication {

    public static void main(String[] args) {
        CleanStop.install();
        SpringApplication application = new SpringApplication(AvisoApplication.class);
        // the embedded PostgreSQL starts beside the rest of the start-up rather than after most of it
        application.addListeners(new EarlyDatabaseStart());
        ConfigurableApplicationContext context = application.run(args);
        if (context.getBean(AvisoCommands.class).requested()) {
            // an administrator command ran: stop, and tell the shell whether it worked
            System.exit(SpringApplication.exit(context));
        }
    }
}
