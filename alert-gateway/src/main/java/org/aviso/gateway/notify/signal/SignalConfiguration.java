package org.aviso.gateway.notify.signal;

import java.time.Clock;
import java.time.Duration;

import org.aviso.gateway.notify.ChannelTasks;
import org.aviso.gateway.notify.ContactDirectory;
import org.aviso.gateway.notify.InboundEvents;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The Signal channel, when {@code aviso.signal.base-url} is set: the notifier, the event stream, the reachability
 * and group rounds, and the {@code signal} health indicator. It needs the delivery pipeline's {@link InboundEvents},
 * the console's {@link ChannelTasks} and the tree's {@link ContactDirectory}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SignalConfigured.class)
@EnableConfigurationProperties(SignalProperties.class)
class SignalConfiguration {

    /** A JVM-based signal-cli takes seconds to start next to us; background rounds give it a moment. */
    static final Duration FIRST_ROUND_AFTER = Duration.ofSeconds(10);

    @Bean
    SignalRpcClient signalRpcClient(SignalProperties properties) {
        return SignalRpcClient.from(properties);
    }

    @Bean
    SignalNotifier signalNotifier(SignalRpcClient client, ChannelTasks tasks, SignalProperties properties) {
        return new SignalNotifier(client, tasks, properties);
    }

    @Bean
    SignalSafetyNumbers signalSafetyNumbers(SignalRpcClient client, SignalProperties properties) {
        return new SignalSafetyNumbers(client, properties);
    }

    @Bean
    SignalAnswers signalAnswers(SignalRpcClient client) {
        return new SignalAnswers(client);
    }

    @Bean
    SignalEventStream signalEventStream(SignalProperties properties, InboundEvents inbound, SignalAnswers answers,
            SignalRpcClient client, Clock clock) {
        SignalEventDispatcher dispatcher = new SignalEventDispatcher(properties.accounts(), inbound, answers,
                new SignalAttachments(client), clock);
        return SignalEventStream.from(properties, dispatcher, clock);
    }

    @Bean
    SignalReachability signalReachability(SignalRpcClient client, ContactDirectory directory,
            SignalProperties properties, Clock clock) {
        return new SignalReachability(client, directory, properties, clock);
    }

    @Bean
    PeriodicTask signalReachabilityRounds(SignalReachability reachability, SignalProperties properties) {
        return new PeriodicTask("signal-reachability", FIRST_ROUND_AFTER, properties.reachabilityInterval(),
                reachability::runRound);
    }

    @Bean
    SignalGroupSync signalGroupSync(SignalRpcClient client, ContactDirectory directory, SignalProperties properties) {
        return new SignalGroupSync(client, directory, properties);
    }

    @Bean
    PeriodicTask signalGroupSyncRounds(SignalGroupSync groups, SignalProperties properties) {
        return new PeriodicTask("signal-groups", FIRST_ROUND_AFTER, properties.groupSyncInterval(), groups::runRound);
    }

    /** Named so that it appears as {@code signal} in the health endpoint and the readiness group. */
    @Bean("signal")
    SignalHealthIndicator signalHealthIndicator(SignalRpcClient client, SignalEventStream events, Clock clock) {
        return new SignalHealthIndicator(client, events, clock);
    }
}
