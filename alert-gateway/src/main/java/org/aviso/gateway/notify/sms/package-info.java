/**
 * The SMS channel, through Twilio: {@link org.aviso.gateway.notify.sms.TwilioSmsNotifier} sends (one HTTP attempt
 * per message; the outbox owns retries), the status callback and inbound webhooks hear back (each checked against
 * {@code X-Twilio-Signature}), and the {@code sms} health indicator shows refused credentials. The channel is on
 * when {@code aviso.twilio.account-sid} is set; {@code docs/operators/twilio.md} tells an operator how to set it up.
 */
package org.aviso.gateway.notify.sms;
