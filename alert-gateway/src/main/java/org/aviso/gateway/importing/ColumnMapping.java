package org.aviso.gateway.importing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What each column of an export becomes. A column {@link SensitiveColumns} recognises is dropped whatever was
 * asked for it, and so is every column nobody mapped.
 *
 * @param headers the file's header
 * @param fields  one per column, {@link ImportField#DROP} for a dropped one
 * @param dropped the dropped columns with why, for the dry run
 */
public record ColumnMapping(List<String> headers, List<ImportField> fields, List<Dropped> dropped) {

    public record Dropped(int column, String header, SensitiveColumns.Reason reason) {
    }

    public ColumnMapping {
        headers = List.copyOf(headers);
        fields = List.copyOf(fields);
        dropped = List.copyOf(dropped);
    }

    /** The mapping for these headers: what was chosen per column, except that sensitive columns never pass. */
    public static ColumnMapping of(List<String> headers, Map<Integer, ImportField> chosen) {
        List<ImportField> fields = new ArrayList<>();
        List<Dropped> dropped = new ArrayList<>();
        for (int column = 0; column < headers.size(); column++) {
            var sensitive = SensitiveColumns.of(headers.get(column));
            ImportField field = chosen.getOrDefault(column, ImportField.DROP);
            if (sensitive.isPresent()) {
                fields.add(ImportField.DROP);
                dropped.add(new Dropped(column, headers.get(column), sensitive.get()));
            } else if (field == ImportField.DROP) {
                fields.add(ImportField.DROP);
                dropped.add(new Dropped(column, headers.get(column), SensitiveColumns.Reason.UNMAPPED));
            } else {
                fields.add(field);
            }
        }
        return new ColumnMapping(headers, fields, dropped);
    }

    public ImportField field(int column) {
        return column < fields.size() ? fields.get(column) : ImportField.DROP;
    }

    public List<Integer> columns(ImportField field) {
        List<Integer> columns = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i) == field) {
                columns.add(i);
            }
        }
        return Collections.unmodifiableList(columns);
    }

    /**
     * The export with the cells of every column {@link SensitiveColumns} recognises gone: what a dry run may hold in
     * memory so the administrator can still map a column they forgot. Nothing of it is stored.
     */
    public static SchoolExport withoutSensitive(SchoolExport export) {
        Map<Integer, ImportField> all = new java.util.HashMap<>();
        for (int column = 0; column < export.headers().size(); column++) {
            all.put(column, ImportField.PHONE); // any field but DROP: only the sensitive ones are blanked
        }
        return of(export.headers(), all).keep(export);
    }

    /**
     * The export with every dropped column's cells gone (and cells beyond the header cut off), so that what the
     * dry run keeps for the apply step, and everything after it, never holds them.
     */
    public SchoolExport keep(SchoolExport export) {
        List<SchoolExport.Row> rows = new ArrayList<>(export.rows().size());
        for (SchoolExport.Row row : export.rows()) {
            List<String> cells = new ArrayList<>(fields.size());
            for (int column = 0; column < fields.size(); column++) {
                cells.add(fields.get(column) == ImportField.DROP ? "" : row.cell(column));
            }
            rows.add(new SchoolExport.Row(row.line(), List.copyOf(cells)));
        }
        return new SchoolExport(export.headers(), List.copyOf(rows), export.delimiter(), export.encoding());
    }
}
