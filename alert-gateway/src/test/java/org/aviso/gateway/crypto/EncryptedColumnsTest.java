package org.aviso.gateway.crypto;

import java.util.List;

import org.aviso.gateway.testing.AvisoTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@AvisoTest
class EncryptedColumnsTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyCiphertextColumnInTheSchemaIsKnownToKeyRotation() {
        List<String> inSchema = jdbc.queryForList("select table_name || '.' || column_name from information_schema.columns "
                + "where table_schema = 'public' and column_name like '%\\_ct' order by 1", String.class);
        List<String> registered = EncryptedColumns.ALL.stream()
                .map(c -> c.field().table() + "." + c.field().column()).sorted().toList();
        assertThat(registered).containsExactlyElementsOf(inSchema);
    }
}
