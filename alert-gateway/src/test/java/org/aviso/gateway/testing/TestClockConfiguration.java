package org.aviso.gateway.testing;

import org.aviso.gateway.security.UserAccounts;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {

    @Bean
    @Primary
    TestClock testClock() {
        return new TestClock();
    }

    @Bean
    TestData testData(TreeStore tree, UserAccounts accounts) {
        return new TestData(tree, accounts);
    }
}
