package org.aviso.gateway.importing;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A school information system's export as read: the header and the rows, whatever the delimiter (comma, semicolon,
 * tab, pipe) and the encoding (UTF-8 with or without a byte-order mark, UTF-16 with one, else Windows-1252, which
 * is what spreadsheet programs write). Parsing is Commons CSV's, so quoted cells with delimiters and line breaks
 * inside them read as one cell.
 *
 * <p>Only the header and cells stay in memory; {@link ColumnMapping#keep} then blanks every cell of a column that
 * is dropped, before anything else reads the rows.
 *
 * @param rows each with its line number in the file as a spreadsheet shows it (the header is line 1)
 */
public record SchoolExport(List<String> headers, List<Row> rows, char delimiter, String encoding) {

    /** Bigger files are refused with a message rather than read: a school district's export stays far below. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;
    public static final int MAX_ROWS = 100_000;

    public record Row(int line, List<String> cells) {

        public String cell(int column) {
            return column < cells.size() ? cells.get(column).strip() : "";
        }

        @Override
        public String toString() {
            return "Row[" + line + "]";
        }
    }

    @Override
    public String toString() {
        return "SchoolExport[" + headers.size() + " columns, " + rows.size() + " rows]";
    }

    public static SchoolExport read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new ImportException("import.error.empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw new ImportException("import.error.tooLarge", MAX_BYTES / (1024 * 1024));
        }
        Decoded decoded = decode(bytes);
        String text = decoded.text();
        char delimiter = delimiter(text);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true)
                .setTrim(true).get();
        List<String> headers = null;
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord record : parser) {
                List<String> cells = record.toList();
                if (cells.stream().allMatch(String::isBlank)) {
                    continue;
                }
                if (headers == null) {
                    headers = cells.stream().map(String::strip).toList();
                    continue;
                }
                if (rows.size() >= MAX_ROWS) {
                    throw new ImportException("import.error.tooManyRows", MAX_ROWS);
                }
                // the row as a spreadsheet numbers it: the header is row 1
                rows.add(new Row((int) record.getRecordNumber(), cells));
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw new ImportException("import.error.unreadable");
        }
        if (headers == null) {
            throw new ImportException("import.error.empty");
        }
        if (!looksLikeHeader(headers)) {
            throw new ImportException("import.error.noHeader");
        }
        return new SchoolExport(headers, List.copyOf(rows), delimiter, decoded.charset().name());
    }

    /** A header names things: a first row that is mostly phone numbers or digits is data, not a header. */
    private static boolean looksLikeHeader(List<String> cells) {
        long named = cells.stream().filter(c -> c.chars().anyMatch(Character::isLetter)).count();
        long numbers = cells.stream().filter(c -> c.replaceAll("[^0-9]", "").length() >= 7).count();
        return named > 0 && numbers == 0;
    }

    private record Decoded(String text, Charset charset) {
    }

    private static Decoded decode(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            return new Decoded(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE) {
            return new Decoded(new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE), StandardCharsets.UTF_16LE);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF) {
            return new Decoded(new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE), StandardCharsets.UTF_16BE);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return new Decoded(text, StandardCharsets.UTF_8);
        } catch (CharacterCodingException notUtf8) {
            Charset windows = Charset.forName("windows-1252");
            return new Decoded(new String(bytes, windows), windows);
        }
    }

    /** The candidate that splits the first line into the most cells, counting only outside quotes. */
    static char delimiter(String text) {
        char[] candidates = {',', ';', '\t', '|'};
        int[] counts = new int[candidates.length];
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                for (int k = 0; k < candidates.length; k++) {
                    if (c == candidates[k]) {
                        counts[k]++;
                    }
                }
            }
        }
        int best = 0;
        for (int k = 1; k < candidates.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return candidates[best];
    }
}
