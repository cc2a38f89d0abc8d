package org.aviso.gateway.notify.sms;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLHandshakeException;

import com.twilio.exception.ApiException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;

/**
 * The call to Twilio failed without an HTTP answer. What matters is whether the request could have reached Twilio:
 * a refused or timed-out connection means nothing was sent; anything after that (a read timeout, a reset, a closed
 * connection) means Twilio may have accepted the message and only its answer was lost.
 */
final class TwilioConnectionFailure extends ApiException {

    private static final long serialVersionUID = 1L;

    private final boolean requestSent;

    private TwilioConnectionFailure(String message, boolean requestSent, IOException cause) {
        super(message, cause);
        this.requestSent = requestSent;
    }

    static TwilioConnectionFailure of(IOException failure) {
        boolean sent = !failedBeforeSending(failure);
        String kind = failure.getClass().getSimpleName();
        return new TwilioConnectionFailure(sent
                ? "The request reached the network but Twilio's answer was lost (" + kind + ")"
                : "Could not connect to Twilio (" + kind + ")", sent, failure);
    }

    /** True unless the failure proves that no byte of the request left this machine. */
    boolean requestSent() {
        return requestSent;
    }

    private static boolean failedBeforeSending(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException // includes HttpHostConnectException: connection refused
                    || t instanceof ConnectTimeoutException
                    || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException
                    || t instanceof SSLHandshakeException // the request is written only after the handshake
                    || t instanceof ConnectionRequestTimeoutException) { // no pooled connection was free
                return true;
            }
        }
        return false;
    }
}
