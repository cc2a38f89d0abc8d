package org.aviso.gateway.notify.signal;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signal-cli release number. Aviso needs 0.14.5 or later: 0.14.3 stopped a 6 s delay on every group send and
 * added wait times to plain rate limits, 0.14.4 sends the event stream's headers at once, and 0.14.5 lets the daemon
 * bind 0.0.0.0 without refusing our Host header.
 */
record SignalVersion(int major, int minor, int patch) implements Comparable<SignalVersion> {

    static final SignalVersion MINIMUM = new SignalVersion(0, 14, 5);

    /** The leading major.minor.patch; a suffix such as -SNAPSHOT is ignored. */
    private static final Pattern VERSION = Pattern.compile("^v?(\\d{1,4})\\.(\\d{1,4})\\.(\\d{1,4})(?:[.\\-+].*)?$");
    private static final Comparator<SignalVersion> ORDER = Comparator.comparingInt(SignalVersion::major)
            .thenComparingInt(SignalVersion::minor).thenComparingInt(SignalVersion::patch);

    static Optional<SignalVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = VERSION.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SignalVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3))));
    }

    boolean isSupported() {
        return compareTo(MINIMUM) >= 0;
    }

    @Override
    public int compareTo(SignalVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
