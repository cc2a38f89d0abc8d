/**
 * The one shape every channel has. A channel lives in its own package ({@code notify.signal}, {@code notify.sms},
 * {@code notify.simulated}) with its properties, a {@link org.aviso.gateway.notify.Notifier}, its webhook or event
 * code, and its tests; adding one touches neither escalation nor dispatch. Channels classify outcomes instead of
 * throwing, and report what they hear back (receipts, replies, status callbacks) through {@link
 * org.aviso.gateway.notify.InboundEvents}.
 */
package org.aviso.gateway.notify;
