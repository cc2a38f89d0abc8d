package org.aviso.gateway.importing;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.common.NetworkId;
import org.aviso.core.common.SiteId;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.Site;
import org.aviso.gateway.tree.NetworkRecord;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * {@code --aviso.command=import --aviso.import.file=export.csv}: the import for administrators at a terminal. It
 * prints the dry run (totals, dropped columns, every row with an error and why, in {@code aviso.import.language});
 * with {@code --aviso.import.apply=true} it then applies it in one transaction. Options: {@code aviso.import.network}
 * (needed when there are several networks), {@code aviso.import.site} (the school of rows without one, by name),
 * {@code aviso.import.role} (FAMILY or STAFF), {@code aviso.import.preset}. It never prints a number from the file.
 */
@Component
public class ImportCommand {

    private final Imports imports;
    private final TreeStore tree;
    private final MessageSource messages;
    private final String file;
    private final String network;
    private final String site;
    private final String role;
    private final String preset;
    private final boolean apply;
    private final Locale locale;
    private PrintStream out = System.out;

    ImportCommand(Imports imports, TreeStore tree, MessageSource messages,
            @Value("${aviso.import.file:}") String file, @Value("${aviso.import.network:}") String network,
            @Value("${aviso.import.site:}") String site, @Value("${aviso.import.role:FAMILY}") String role,
            @Value("${aviso.import.preset:}") String preset, @Value("${aviso.import.apply:false}") boolean apply,
            @Value("${aviso.import.language:en}") String language) {
        this.imports = imports;
        this.tree = tree;
        this.messages = messages;
        this.file = file.strip();
        this.network = network.strip();
        this.site = site.strip();
        this.role = role.strip();
        this.preset = preset.strip();
        this.apply = apply;
        this.locale = Locale.forLanguageTag(language.strip().isEmpty() ? "en" : language.strip());
    }

    void printTo(PrintStream stream) {
        this.out = stream;
    }

    /** Runs the dry run (and the apply step when asked); false when nothing could be imported. */
    public boolean run() {
        if (file.isEmpty()) {
            out.println("import: give the file with --aviso.import.file=PATH");
            return false;
        }
        List<NetworkRecord> networks = tree.networks();
        Optional<NetworkRecord> chosen = network.isEmpty() && networks.size() == 1 ? Optional.of(networks.get(0))
                : networks.stream().filter(n -> n.network().id().value().toString().equals(network)).findFirst();
        if (chosen.isEmpty()) {
            out.println("import: name the network with --aviso.import.network=ID; networks: "
                    + networks.stream().map(n -> n.network().id().value() + " (" + n.network().name() + ")").toList());
            return false;
        }
        NetworkId id = chosen.get().network().id();
        Optional<SiteId> siteId = Optional.empty();
        if (!site.isEmpty()) {
            siteId = tree.sites(id).stream().filter(s -> s.name().equalsIgnoreCase(site)).map(Site::id).findFirst();
            if (siteId.isEmpty()) {
                out.println("import: no site named \"" + site + "\" in this network");
                return false;
            }
        }
        Role r = "STAFF".equalsIgnoreCase(role) ? Role.STAFF : Role.FAMILY;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            out.println("import: cannot read the file");
            return false;
        }
        Imports.DryRun dryRun;
        try {
            dryRun = imports.dryRun(id, new UUID(0, 0), bytes, Optional.of(preset), Map.of(),
                    new ImportPlanner.Defaults(siteId, r));
        } catch (ImportException e) {
            out.println("import: " + messages.getMessage(e.key(), e.args(), locale));
            return false;
        }
        out.println("import dry run (" + dryRun.preset() + "): " + dryRun.totals().describe());
        for (ColumnMapping.Dropped d : dryRun.mapping().dropped()) {
            out.println("  dropped column " + d.header() + ": "
                    + messages.getMessage("import.dropped." + d.reason(), null, locale));
        }
        for (ImportPlan.RowPlan row : dryRun.plan().errors()) {
            ImportPlan.Problem p = row.error().orElseThrow();
            out.println("  row " + row.line() + ": " + messages.getMessage(p.key(), p.args().toArray(), locale));
        }
        if (apply) {
            Optional<Imports.Applied> applied = imports.apply(id, "system", dryRun.token());
            out.println("import applied: " + applied.map(a -> a.totals().describe()).orElse("expired"));
            return applied.isPresent();
        }
        out.println("import: nothing changed; add --aviso.import.apply=true to apply");
        return true;
    }
}
