package org.aviso.core.render;

import java.time.ZoneId;
import org.aviso.core.alert.Alert;
import org.aviso.core.common.Checks;

/**
 * What a message is filled from. Instructions are per language: the gateway passes the text written for the
 * language being rendered.
 *
 * @param instructions what the dispatcher wants people to do, possibly empty
 * @param verifyUrl    where anyone can check the code
 * @param zone         the network's time zone, for {@code {time}}
 */
public record RenderRequest(
        Alert alert, String siteName, String networkName, String instructions, String verifyUrl, ZoneId zone) {

    public static final int MAX_INSTRUCTIONS = 500;

    public RenderRequest {
        Checks.required(alert, "alert");
        Checks.notBlank(siteName, "site name", 80);
        Checks.notBlank(networkName, "network name", 80);
        Checks.required(instructions, "instructions (use an empty string)");
        if (instructions.length() > MAX_INSTRUCTIONS) {
            throw new IllegalArgumentException("instructions must be at most " + MAX_INSTRUCTIONS + " characters");
        }
        Checks.notBlank(verifyUrl, "verify URL", 200);
        Checks.required(zone, "time zone");
    }
}
