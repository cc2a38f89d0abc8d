package org.aviso.core.render;

import java.time.ZoneId;
import org.aviso.core.alert.Alert;
import org.aviso.core.common.Checks;

/**
 * What a message is filled from. Instructions are per language: the gateway passes the text written for the
 * language being rendered.
 *
 * @param instructions      what the dispatcher wants people to do, possibly empty; Signal carries it whole
 * @param shortInstructions the same in few words for SMS, possibly empty: used when the whole text would take the
 *                          SMS past {@link SmsSegments#ALERT_LIMIT} segments (the check page still shows it all)
 * @param verifyUrl         where anyone can check the code and read the full instructions
 * @param zone              the network's time zone, for {@code {time}}
 */
public record RenderRequest(Alert alert, String siteName, String networkName, String instructions,
        String shortInstructions, String verifyUrl, ZoneId zone) {

    public static final int MAX_INSTRUCTIONS = 500;
    /**
     * A short form fits the default SMS of every kind in two segments with a site and network name of usual length,
     * even in UCS-2 after the fixed text; longer ones are cut.
     */
    public static final int MAX_SHORT_INSTRUCTIONS = 120;

    public RenderRequest {
        Checks.required(alert, "alert");
        Checks.notBlank(siteName, "site name", 80);
        Checks.notBlank(networkName, "network name", 80);
        Checks.required(instructions, "instructions (use an empty string)");
        if (instructions.length() > MAX_INSTRUCTIONS) {
            throw new IllegalArgumentException("instructions must be at most " + MAX_INSTRUCTIONS + " characters");
        }
        Checks.required(shortInstructions, "short instructions (use an empty string)");
        if (shortInstructions.length() > MAX_SHORT_INSTRUCTIONS) {
            throw new IllegalArgumentException("the short form of the instructions must be at most "
                    + MAX_SHORT_INSTRUCTIONS + " characters");
        }
        Checks.notBlank(verifyUrl, "verify URL", 200);
        Checks.required(zone, "time zone");
    }

    /** Without a short form: an SMS that would be too long carries the start of the instructions and the link. */
    public RenderRequest(Alert alert, String siteName, String networkName, String instructions, String verifyUrl,
            ZoneId zone) {
        this(alert, siteName, networkName, instructions, "", verifyUrl, zone);
    }
}
