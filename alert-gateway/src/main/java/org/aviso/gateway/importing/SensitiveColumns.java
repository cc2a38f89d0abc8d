package org.aviso.gateway.importing;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Columns an import must never keep, recognised by their header in the names school information systems use. Their
 * values are dropped as the file is read, before anything else sees them; the dry run names the column and why. A
 * column that is neither recognised here nor mapped is dropped too ({@link Reason#UNMAPPED}).
 */
public final class SensitiveColumns {

    /** Why a column was dropped; each has a message {@code import.dropped.<name>} in the admin's language. */
    public enum Reason { STUDENT_NAME, STUDENT_ID, BIRTH_DATE, IMMIGRATION_STATUS, NATIONALITY, UNMAPPED }

    private record Rule(Pattern header, Reason reason) {
    }

    // matched against the header lower-cased with everything but letters and digits removed
    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile(".*(immigra|visa|citizen|alien|undocument|residency|refugee|asylum|greencard|daca).*"),
                    Reason.IMMIGRATION_STATUS),
            new Rule(Pattern.compile(".*(nationalit|nacionalidad|countryofbirth|birthcountry|paisdenacimiento|"
                    + "countryoforigin|birthplace|lugardenacimiento|ethnic|^race$).*"), Reason.NATIONALITY),
            new Rule(Pattern.compile(".*(birth|dob|nacimiento|fechanac|^age$|^edad$).*"), Reason.BIRTH_DATE),
            new Rule(Pattern.compile(".*(studentnumber|studentid|stuid|studentno|permid|ssid|statestudentid|localid|"
                    + "idnumber|sisid|dcid|ssn|socialsecurity|matricula|idestudiante|^id$|^studentsdcid$).*"),
                    Reason.STUDENT_ID),
            new Rule(Pattern.compile(".*(student|estudiante|alumno|pupil|child|nino|lastfirst|firstname|lastname|"
                    + "middlename|nickname|preferredname|legalname|nombre|apellido|^name$|^first$|^last$|fullname|"
                    + "surname|givenname).*"), Reason.STUDENT_NAME));

    private SensitiveColumns() {
    }

    /** Why this header can never be kept, if it is one of those. */
    public static Optional<Reason> of(String header) {
        String key = key(header);
        for (Rule rule : RULES) {
            if (rule.header().matcher(key).matches()) {
                return Optional.of(rule.reason());
            }
        }
        return Optional.empty();
    }

    static String key(String header) {
        String folded = java.text.Normalizer.normalize(header == null ? "" : header, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
        return folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
