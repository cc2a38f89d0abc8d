package org.aviso.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AvisoApplication {

    public static void main(String[] args) {
        SpringApplication.run(AvisoApplication.class, args);
    }
}
