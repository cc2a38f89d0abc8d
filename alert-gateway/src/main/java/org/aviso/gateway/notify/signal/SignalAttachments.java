package org.aviso.gateway.notify.signal;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a file someone sent us from signal-cli with {@code getAttachment}. signal-cli keeps received files in
 * its own data folder, which Aviso (another process, often another container) cannot read, so the bytes come over
 * JSON-RPC as base64. A file is fetched only when a feature keeps it (a site contact's photo), never for every
 * message. Nothing logged names the sender, the file or its content.
 */
final class SignalAttachments implements SignalEventDispatcher.Files {

    /** Larger files are not fetched: the same limit as a photo on the report form. */
    static final int MAX_BYTES = 10 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(SignalAttachments.class);

    private final SignalRpcClient client;

    SignalAttachments(SignalRpcClient client) {
        this.client = client;
    }

    @Override
    public Optional<byte[]> fetch(String account, String attachmentId, String sender, String groupId) {
        RpcResult<byte[]> result = client.getAttachment(account, attachmentId, sender, groupId, MAX_BYTES);
        if (result instanceof RpcResult.Ok<byte[]> ok) {
            return Optional.of(ok.value());
        }
        log.warn("An attachment could not be fetched from signal-cli ({})", SignalRpcClient.describe(result));
        return Optional.empty();
    }
}
