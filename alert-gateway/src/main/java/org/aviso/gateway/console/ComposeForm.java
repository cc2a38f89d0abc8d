package org.aviso.gateway.console;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.render.RenderRequest;

/** What the composer posts: a kind the composer may start, the groups to reach, and instructions. */
public class ComposeForm {

    /** Follow-ups are sent from the alert they follow, never composed from scratch. */
    static final Set<AlertKind> COMPOSABLE = EnumSet.of(AlertKind.ADVISORY, AlertKind.VERIFIED, AlertKind.DRILL);

    private AlertKind kind = AlertKind.ADVISORY;
    private Set<UUID> groups = new LinkedHashSet<>();
    private UUID site;
    private UUID report;
    private String instructions = "";
    private java.util.List<Integer> steps = new java.util.ArrayList<>();
    /** The dispatcher's words per language of the network (posted as {@code texts[es]}). */
    private Map<String, String> texts = new LinkedHashMap<>();
    /** What readers of a language without a text get (posted as {@code choices[vi]}: none, text:en). */
    private Map<String, String> choices = new LinkedHashMap<>();

    public Map<String, String> getTexts() {
        return texts;
    }

    public void setTexts(Map<String, String> texts) {
        this.texts = texts == null ? new LinkedHashMap<>() : new LinkedHashMap<>(texts);
    }

    public Map<String, String> getChoices() {
        return choices;
    }

    public void setChoices(Map<String, String> choices) {
        this.choices = choices == null ? new LinkedHashMap<>() : new LinkedHashMap<>(choices);
    }

    /** Whether any language has a text of its own. */
    boolean hasTexts() {
        return texts.values().stream().anyMatch(t -> t != null && !t.isBlank());
    }

    /** The safety-plan steps picked, by their place in the site's profile (0-based). */
    public java.util.List<Integer> getSteps() {
        return steps;
    }

    public void setSteps(java.util.List<Integer> steps) {
        this.steps = steps == null ? new java.util.ArrayList<>()
                : new java.util.ArrayList<>(new LinkedHashSet<>(steps.stream().filter(java.util.Objects::nonNull)
                        .toList()));
    }

    Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        if (kind == null || !COMPOSABLE.contains(kind)) {
            problems.put("kind", "console.compose.error.kind");
        }
        if (groups.isEmpty()) {
            problems.put("groups", "console.compose.error.noGroups");
        }
        if (normalizedInstructions().length() > RenderRequest.MAX_INSTRUCTIONS) {
            problems.put("instructions", "console.compose.error.instructionsTooLong");
        }
        if (!normalizedInstructions().isEmpty() && hasTexts()) {
            problems.put("instructions", "console.compose.error.twoKindsOfText");
        }
        return problems;
    }

    String normalizedInstructions() {
        return instructions == null ? "" : instructions.replace("\r\n", "\n").strip();
    }

    public AlertKind getKind() {
        return kind;
    }

    public void setKind(AlertKind kind) {
        this.kind = kind;
    }

    public Set<UUID> getGroups() {
        return groups;
    }

    public void setGroups(Set<UUID> groups) {
        this.groups = groups == null ? new LinkedHashSet<>() : new LinkedHashSet<>(groups);
    }

    public UUID getSite() {
        return site;
    }

    public void setSite(UUID site) {
        this.site = site;
    }

    public UUID getReport() {
        return report;
    }

    public void setReport(UUID report) {
        this.report = report;
    }

    public String getInstructions() {
        return instructions;
    }

    public void setInstructions(String instructions) {
        this.instructions = instructions == null ? "" : instructions;
    }

    @Override
    public String toString() {
        return "ComposeForm[" + kind + ", " + groups.size() + " groups]";
    }
}
