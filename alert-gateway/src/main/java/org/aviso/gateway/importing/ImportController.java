package org.aviso.gateway.importing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.aviso.core.common.NetworkId;
import org.aviso.core.common.SiteId;
import org.aviso.core.tree.Role;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The import page: upload an export, see the dry run (per row, with the dropped columns), fix the mapping or the
 * file, then apply. Bad input answers 400 with the reason on the page and changes nothing.
 */
@Controller
class ImportController {

    static final String VIEW = "admin/import";
    private static final int ROWS_SHOWN = 500;

    private final Imports imports;
    private final ExportPresets presets;
    private final TreeStore tree;

    ImportController(Imports imports, ExportPresets presets, TreeStore tree) {
        this.imports = imports;
        this.presets = presets;
        this.tree = tree;
    }

    @GetMapping("/admin/import")
    String page(@AuthenticationPrincipal AvisoPrincipal admin, Model model) {
        return show(admin, model, null, null, null, Role.FAMILY);
    }

    @GetMapping("/admin/import/template.csv")
    ResponseEntity<byte[]> template() {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"aviso-import-template.csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body((ExportPresets.PLAIN_HEADER + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @PostMapping("/admin/import")
    String dryRun(@AuthenticationPrincipal AvisoPrincipal admin, @RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam(name = "preset", required = false) String preset,
            @RequestParam(name = "site", required = false) UUID site,
            @RequestParam(name = "role", required = false) Role role, HttpServletResponse response, Model model) {
        NetworkId network = new NetworkId(admin.networkId());
        Role r = role == null ? Role.FAMILY : role;
        try {
            byte[] bytes = file == null ? new byte[0] : file.getBytes();
            Imports.DryRun dryRun = imports.dryRun(network, admin.id(), bytes, Optional.ofNullable(preset), Map.of(),
                    defaults(network, site, r));
            return show(admin, model, dryRun, null, site, r);
        } catch (ImportException | IOException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            ImportException problem = e instanceof ImportException ie ? ie : new ImportException("import.error.unreadable");
            return show(admin, model, null, problem, site, r);
        }
    }

    @PostMapping("/admin/import/mapping")
    String remap(@AuthenticationPrincipal AvisoPrincipal admin, @RequestParam("token") UUID token,
            @RequestParam Map<String, String> params, @RequestParam(name = "site", required = false) UUID site,
            @RequestParam(name = "role", required = false) Role role, HttpServletResponse response, Model model) {
        NetworkId network = new NetworkId(admin.networkId());
        Role r = role == null ? Role.FAMILY : role;
        Map<Integer, ImportField> chosen = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            if (name.matches("field[0-9]{1,4}")) {
                try {
                    chosen.put(Integer.parseInt(name.substring(5)), ImportField.valueOf(value));
                } catch (IllegalArgumentException ignored) {
                    // an unknown field is left unmapped, so the column is dropped
                }
            }
        });
        Optional<Imports.DryRun> dryRun = imports.replan(network, token, Optional.of(chosen), defaults(network, site, r));
        if (dryRun.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return show(admin, model, null, new ImportException("import.error.expired"), site, r);
        }
        String presetName = params.getOrDefault("presetName", "").strip();
        if (!presetName.isEmpty()) {
            if (presetName.length() > 60) {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                return show(admin, model, dryRun.get(), new ImportException("import.error.presetName"), site, r);
            }
            presets.save(network, presetName, dryRun.get().mapping().headers(), dryRun.get().mapping());
            model.addAttribute("presetSaved", presetName);
        }
        return show(admin, model, dryRun.get(), null, site, r);
    }

    @PostMapping("/admin/import/apply")
    String apply(@AuthenticationPrincipal AvisoPrincipal admin, @RequestParam(name = "token", required = false) UUID token,
            HttpServletResponse response, Model model, RedirectAttributes redirect) {
        Optional<Imports.Applied> applied = imports.apply(new NetworkId(admin.networkId()), admin.actor(), token);
        if (applied.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return show(admin, model, null, new ImportException("import.error.expired"), null, Role.FAMILY);
        }
        redirect.addFlashAttribute("applied", applied.get().totals());
        return "redirect:/admin/import";
    }

    private ImportPlanner.Defaults defaults(NetworkId network, UUID site, Role role) {
        Optional<SiteId> s = Optional.ofNullable(site).map(SiteId::new)
                .filter(id -> tree.site(network, id).isPresent());
        return new ImportPlanner.Defaults(s, role == Role.STAFF ? Role.STAFF : Role.FAMILY);
    }

    private String show(AvisoPrincipal admin, Model model, Imports.DryRun dryRun, ImportException problem, UUID site,
            Role role) {
        NetworkId network = new NetworkId(admin.networkId());
        model.addAttribute("presets", presets.all(network).stream().map(ExportPresets.Preset::name).toList());
        model.addAttribute("sites", tree.sites(network));
        model.addAttribute("selectedSite", site);
        model.addAttribute("selectedRole", role);
        model.addAttribute("roles", List.of(Role.FAMILY, Role.STAFF));
        model.addAttribute("fields", ImportField.values());
        model.addAttribute("problem", problem);
        model.addAttribute("dryRun", dryRun);
        if (dryRun != null) {
            List<ImportPlan.RowPlan> errors = dryRun.plan().errors();
            model.addAttribute("errorRows", errors);
            model.addAttribute("otherRows", dryRun.plan().rows().stream().filter(r -> r.error().isEmpty())
                    .limit(ROWS_SHOWN).toList());
            model.addAttribute("rowsHidden", Math.max(0, dryRun.plan().rows().size() - errors.size() - ROWS_SHOWN));
            model.addAttribute("sensitive", dryRun.mapping().dropped().stream()
                    .filter(d -> d.reason() != SensitiveColumns.Reason.UNMAPPED).map(ColumnMapping.Dropped::column)
                    .toList());
        }
        model.addAttribute("section", "import");
        return VIEW;
    }
}
