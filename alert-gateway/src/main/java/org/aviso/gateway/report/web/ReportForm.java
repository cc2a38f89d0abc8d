package org.aviso.gateway.report.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.aviso.core.report.Report;
import org.aviso.core.report.Salute;

/**
 * What the phone form (and a dispatcher logging a call) posts: the SALUTE quick choices, UNKNOWN unless chosen, so
 * a frightened person can send at once, and a short text. Kept apart from {@link Salute} so a half-filled form can
 * be shown again exactly as it was typed.
 */
public class ReportForm {

    private Salute.Size size = Salute.Size.UNKNOWN;
    private Salute.Activity activity = Salute.Activity.UNKNOWN;
    private Salute.LocationHint location = Salute.LocationHint.UNKNOWN;
    private Salute.Agency agency = Salute.Agency.UNKNOWN;
    private Salute.ObservedTime time = Salute.ObservedTime.UNKNOWN;
    private Salute.Equipment equipment = Salute.Equipment.UNKNOWN;
    private String text = "";

    /** One group of radio buttons as the template draws it; its labels are {@code salute.<prefix>.<VALUE>}. */
    public record Choices(String name, String messagePrefix, List<String> values, String selected) {
    }

    /** The six groups in SALUTE order, each with what is selected now. */
    public List<Choices> choices() {
        return List.of(
                choices("size", Salute.Size.values(), size),
                choices("activity", Salute.Activity.values(), activity),
                choices("location", Salute.LocationHint.values(), location),
                choices("agency", Salute.Agency.values(), agency),
                choices("time", Salute.ObservedTime.values(), time),
                choices("equipment", Salute.Equipment.values(), equipment));
    }

    private static Choices choices(String name, Enum<?>[] values, Enum<?> selected) {
        return new Choices(name, "salute." + name + ".",
                java.util.Arrays.stream(values).map(Enum::name).toList(), selected.name());
    }

    /** The text as it will be stored: browsers send line breaks as CR LF, which must not count twice. */
    public String normalizedText() {
        return text == null ? "" : text.replace("\r\n", "\n").strip();
    }

    /** Field name to message key, for what the person must change; empty when the form can be sent. */
    public Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        if (normalizedText().length() > Report.MAX_TEXT_LENGTH) {
            problems.put("text", "report.error.textTooLong");
        }
        return problems;
    }

    public Salute salute() {
        return new Salute(size, activity, location, agency, time, equipment);
    }

    public Salute.Size getSize() {
        return size;
    }

    public void setSize(Salute.Size size) {
        this.size = size == null ? Salute.Size.UNKNOWN : size;
    }

    public Salute.Activity getActivity() {
        return activity;
    }

    public void setActivity(Salute.Activity activity) {
        this.activity = activity == null ? Salute.Activity.UNKNOWN : activity;
    }

    public Salute.LocationHint getLocation() {
        return location;
    }

    public void setLocation(Salute.LocationHint location) {
        this.location = location == null ? Salute.LocationHint.UNKNOWN : location;
    }

    public Salute.Agency getAgency() {
        return agency;
    }

    public void setAgency(Salute.Agency agency) {
        this.agency = agency == null ? Salute.Agency.UNKNOWN : agency;
    }

    public Salute.ObservedTime getTime() {
        return time;
    }

    public void setTime(Salute.ObservedTime time) {
        this.time = time == null ? Salute.ObservedTime.UNKNOWN : time;
    }

    public Salute.Equipment getEquipment() {
        return equipment;
    }

    public void setEquipment(Salute.Equipment equipment) {
        this.equipment = equipment == null ? Salute.Equipment.UNKNOWN : equipment;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text == null ? "" : text;
    }

    @Override
    public String toString() {
        return "ReportForm[" + salute() + ", text hidden]";
    }
}
