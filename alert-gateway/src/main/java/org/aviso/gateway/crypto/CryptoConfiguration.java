package org.aviso.gateway.crypto;

import java.time.Clock;

import org.aviso.gateway.audit.AuditCheckpoints;
import org.aviso.gateway.settings.AvisoDataDirectory;
import org.aviso.gateway.settings.DemoMode;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

    @Bean
    MasterKey masterKey(CryptoProperties properties, DemoMode demo, AvisoDataDirectory data) {
        return MasterKeySource.load(properties, demo, data);
    }

    @Bean
    KeyRing keyRing(JdbcClient jdbc, MasterKey masterKey, PlatformTransactionManager transactions, Clock clock) {
        return new KeyRing(jdbc, masterKey, transactions, clock);
    }

    @Bean
    FieldCipher fieldCipher(KeyRing keyRing) {
        return new FieldCipher(keyRing);
    }

    @Bean
    BlindIndex blindIndex(KeyRing keyRing) {
        return new BlindIndex(keyRing);
    }

    /** Audit checkpoints are signed with a keyed hash under the installation's own key, in a domain of their own. */
    @Bean
    AuditCheckpoints.Signer auditCheckpointSigner(BlindIndex blindIndex) {
        return canonical -> blindIndex.of("audit-checkpoint", canonical);
    }
}
