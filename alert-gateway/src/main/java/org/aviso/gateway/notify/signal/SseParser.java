package org.aviso.gateway.notify.signal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Server-Sent Events stream in whatever pieces it arrives: one read may hold several events, and an event
 * (even a character) may be split across reads. Hands on the data of each complete {@code receive} event.
 *
 * <p>Follows the SSE rules signal-cli relies on: {@code field:value} with one optional space after the colon,
 * lines ending in LF, CRLF or CR, {@code :} comment lines (signal-cli's keep-alives) skipped, several {@code data:}
 * lines joined by a newline, unknown fields ignored, and an event cut off by the end of the stream dropped.
 * Lines are split on bytes and decoded whole, since a newline byte never occurs inside a UTF-8 character.
 */
final class SseParser {

    /** An envelope is a few kilobytes; a line this long is not one we can use. */
    static final int MAX_LINE_BYTES = 1 << 20;
    private static final String RECEIVE = "receive";
    private static final Logger log = LoggerFactory.getLogger(SseParser.class);

    private final Consumer<String> onReceive;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean lineTooLong;
    private boolean afterCarriageReturn;
    private String eventName = "";
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private boolean eventBroken;

    SseParser(Consumer<String> onReceive) {
        this.onReceive = onReceive;
    }

    void feed(ByteBuffer bytes) {
        while (bytes.hasRemaining()) {
            accept(bytes.get());
        }
    }

    void feed(byte[] bytes) {
        feed(ByteBuffer.wrap(bytes));
    }

    /** The stream ended: whatever event was not finished by a blank line is incomplete and dropped. */
    void end() {
        line.reset();
        lineTooLong = false;
        afterCarriageReturn = false;
        resetEvent();
    }

    private void accept(byte b) {
        if (b == '\n') {
            if (!afterCarriageReturn) {
                endLine();
            }
            afterCarriageReturn = false;
            return;
        }
        afterCarriageReturn = false;
        if (b == '\r') {
            endLine();
            afterCarriageReturn = true;
            return;
        }
        if (line.size() >= MAX_LINE_BYTES) {
            lineTooLong = true;
            return;
        }
        line.write(b);
    }

    private void endLine() {
        if (lineTooLong) {
            log.warn("Skipped an event with a line over {} bytes from signal-cli", MAX_LINE_BYTES);
            lineTooLong = false;
            line.reset();
            eventBroken = true;
            return;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        if (text.startsWith(":")) {
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if ("event".equals(field)) {
            eventName = value;
        } else if ("data".equals(field)) {
            if (hasData) {
                data.append('\n');
            }
            data.append(value);
            hasData = true;
        }
        // id, retry and any field a later signal-cli adds: nothing for us
    }

    private void dispatch() {
        if (hasData && !eventBroken && (eventName.isEmpty() || RECEIVE.equals(eventName))) {
            onReceive.accept(data.toString());
        }
        resetEvent();
    }

    private void resetEvent() {
        eventName = "";
        data.setLength(0);
        hasData = false;
        eventBroken = false;
    }
}
