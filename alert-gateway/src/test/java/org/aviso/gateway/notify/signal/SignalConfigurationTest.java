package org.aviso.gateway.notify.signal;

import java.time.Clock;

import org.aviso.gateway.notify.ChannelTasks;
import org.aviso.gateway.notify.ContactDirectory;
import org.aviso.gateway.notify.InboundEvents;
import org.aviso.gateway.notify.Notifier;
import org.aviso.gateway.notify.SenderAccount;
import org.aviso.gateway.testing.TestClock;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** The Signal beans, wired by Spring against small fakes (no database, no full application). */
class SignalConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    static class WhatTheRestOfAvisoProvides {

        @Bean
        InboundEvents inboundEvents() {
            return new FakeInboundEvents();
        }

        @Bean
        ChannelTasks channelTasks() {
            return new FakeChannelTasks();
        }

        @Bean
        ContactDirectory contactDirectory() {
            return new FakeContactDirectory();
        }

        @Bean
        Clock clock() {
            return new TestClock();
        }
    }

    private final ApplicationContextRunner aviso = new ApplicationContextRunner()
            .withUserConfiguration(SignalConfiguration.class, SignalOffConfiguration.class,
                    WhatTheRestOfAvisoProvides.class);

    private final String nobodyListening = "aviso.signal.base-url=http://127.0.0.1:" + SignalCli.closedPort();

    @Test
    void staysOffWithoutABaseUrlButTellsTheReadinessGroupSo() {
        aviso.run(context -> {
            assertThat(context).doesNotHaveBean(Notifier.class).doesNotHaveBean(SignalEventStream.class);
            HealthIndicator signal = context.getBean("signal", HealthIndicator.class);
            assertThat(signal.health().getStatus()).isEqualTo(Status.UP);
            assertThat(signal.health().getDetails()).containsKey("channel");
        });
    }

    @Test
    void countsABlankBaseUrlAsUnsetLikeDemoModeDoes() {
        aviso.withPropertyValues("aviso.signal.base-url= ").run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(Notifier.class));
    }

    @Test
    void wiresTheWholeChannelWhenTheDaemonIsConfigured() {
        aviso.withPropertyValues(nobodyListening, "aviso.signal.accounts=+15550100001,+15550100010",
                "aviso.signal.rate-per-second=0.5").run(context -> {
                    assertThat(context).hasSingleBean(Notifier.class).hasSingleBean(SignalEventStream.class)
                            .hasSingleBean(SignalReachability.class).hasSingleBean(SignalGroupSync.class);
                    assertThat(context.getBeansOfType(PeriodicTask.class)).hasSize(2);
                    assertThat(context.getBean("signal")).isInstanceOf(SignalHealthIndicator.class);
                    assertThat(context.getBean(Notifier.class).senders()).containsExactly(
                            new SenderAccount("+15550100001", 0.5, false),
                            new SenderAccount("+15550100010", 0.5, false));
                    assertThat(context.getBean(SignalEventStream.class).isRunning()).isTrue();
                });
    }

    @Test
    void refusesToStartWithoutAnAccountOrWithANumberThatIsNotE164AndDoesNotRepeatIt() {
        aviso.withPropertyValues(nobodyListening).run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("aviso.signal.accounts must list at least one"));
        aviso.withPropertyValues(nobodyListening, "aviso.signal.accounts=15550100001").run(context -> {
            assertThat(context).getFailure().rootCause().hasMessageContaining("accounts[0] is not an E.164 number");
            assertThat(context.getStartupFailure()).rootCause().hasMessageNotContaining("5550100001");
        });
    }

    @Test
    void refusesSettingsThatCannotWork() {
        aviso.withPropertyValues(nobodyListening, "aviso.signal.accounts=+15550100001",
                "aviso.signal.reconnect-min=2m", "aviso.signal.reconnect-max=1m").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("reconnect-min"));
        aviso.withPropertyValues("aviso.signal.base-url=ftp://127.0.0.1", "aviso.signal.accounts=+15550100001")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("http://"));
    }

    @Test
    void usesTheDocumentedDefaults() {
        aviso.withPropertyValues(nobodyListening, "aviso.signal.accounts=+15550100001").run(context -> {
            SignalProperties properties = context.getBean(SignalProperties.class);
            assertThat(properties.ratePerSecond()).isEqualTo(1.0);
            assertThat(properties.sendTimeout()).hasSeconds(60);
            assertThat(properties.connectTimeout()).hasSeconds(5);
            assertThat(properties.reconnectMin()).hasSeconds(1);
            assertThat(properties.reconnectMax()).hasSeconds(60);
            assertThat(properties.watchdogSilence()).hasSeconds(45);
            assertThat(properties.reachabilityMaxAge()).hasHours(24);
            assertThat(properties.reachabilityBatchSize()).isEqualTo(50);
            assertThat(properties.reachabilityInterval()).hasMinutes(1);
            assertThat(properties.groupSyncInterval()).hasMinutes(5);
            assertThat(properties.maxRecipientsPerCall()).isEqualTo(20);
            assertThat(properties.retryAfterCap()).hasHours(1);
            assertThat(properties.toString()).doesNotContain("5550100001");
        });
    }
}
