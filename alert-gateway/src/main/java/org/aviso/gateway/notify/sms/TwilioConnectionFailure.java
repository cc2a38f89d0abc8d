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
 * The call to Twilio brought back no answer Aviso can read. What matters is whether the request could have reached
 * Twilio: a refused or timed-out connection means nothing was sent; anything after that (a read timeout, a reset, a
 * closed connection, a success whose body is not JSON) means Twilio may have accepted the message and only its answer
 * was lost. The message never quotes the answer (the SDK's JSON errors would quote the body's words).
 */
final class TwilioConnectionFailure extends ApiException {

    private static final long serialVersionUID = 1L;

    private final boolean requestSent;
    private final String detail;

    private TwilioConnectionFailure(String message, boolean requestSent, String detail, IOException cause) {
        super(message, cause);
        this.requestSent = requestSent;
        this.detail = detail;
    }

    static TwilioConnectionFailure of(IOException failure) {
        boolean sent = !failedBeforeSending(failure);
        String kind = failure.getClass().getSimpleName();
        return new TwilioConnectionFailure(sent
                ? "The request reached the network but Twilio's answer was lost (" + kind + ")"
                : "Could not connect to Twilio (" + kind + ")", sent, "twilio answer lost after sending", failure);
    }

    static TwilioConnectionFailure unreadableAnswer(int httpStatus) {
        return new TwilioConnectionFailure("Twilio answered HTTP " + httpStatus + " with a body that is not JSON",
                true, "twilio answer unreadable", null);
    }

    /** True unless the failure proves that no byte of the request left this machine. */
    boolean requestSent() {
        return requestSent;
    }

    /** For the operator: what happened, without any of Twilio's words. */
    String detail() {
        return detail;
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
