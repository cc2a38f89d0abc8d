package org.aviso.gateway.crypto;

import java.util.regex.Pattern;

/**
 * A column that holds ciphertext. Together with the row id it forms the associated data of each ciphertext, so a
 * value copied into another column or row no longer decrypts.
 */
public record FieldRef(String table, String column) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]*");

    public FieldRef {
        if (!IDENTIFIER.matcher(table).matches() || !IDENTIFIER.matcher(column).matches()) {
            throw new IllegalArgumentException("Table and column must be lower-case SQL identifiers");
        }
    }

    public static FieldRef of(String table, String column) {
        return new FieldRef(table, column);
    }
}
