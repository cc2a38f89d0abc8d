package org.aviso.gateway.testing;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

import javax.sql.DataSource;

/**
 * Reads every column of every table with plain JDBC, the way someone holding a copy of the database would, and
 * names each column where one of the needles appears: as text, inside bytes (UTF-8 or Latin-1), or as the exact
 * bytes given in hex.
 */
public final class RawTables {

    private RawTables() {
    }

    public record Found(String column, String needle) {
    }

    public static List<Found> scan(DataSource dataSource, Collection<String> texts, Collection<byte[]> bytes)
            throws SQLException {
        List<Found> found = new ArrayList<>();
        List<String> hexNeedles = bytes.stream().map(b -> HexFormat.of().formatHex(b)).toList();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("select table_name, column_name from information_schema.columns "
                    + "where table_schema = 'public' and table_name not like 'flyway%' order by table_name, ordinal_position")) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            if (columns.size() < 50) {
                throw new IllegalStateException("the scan saw only " + columns.size() + " columns");
            }
            for (String[] column : columns) {
                try (ResultSet rs = statement.executeQuery("select \"" + column[1] + "\" from \"" + column[0] + "\"")) {
                    while (rs.next()) {
                        Object value = rs.getObject(1);
                        if (value == null) {
                            continue;
                        }
                        String text = value instanceof byte[] b
                                ? new String(b, StandardCharsets.UTF_8) + new String(b, StandardCharsets.ISO_8859_1)
                                : value.toString();
                        String hex = value instanceof byte[] b ? HexFormat.of().formatHex(b) : "";
                        for (String needle : texts) {
                            if (text.contains(needle)) {
                                found.add(new Found(column[0] + "." + column[1], needle));
                            }
                        }
                        for (String needle : hexNeedles) {
                            if (hex.contains(needle) || text.contains(needle)) {
                                found.add(new Found(column[0] + "." + column[1], "bytes " + needle.substring(0, 8)));
                            }
                        }
                    }
                }
            }
        }
        return found;
    }
}
