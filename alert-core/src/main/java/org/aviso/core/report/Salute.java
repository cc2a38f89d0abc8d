package org.aviso.core.report;

import org.aviso.core.common.Checks;

/**
 * A report's quick choices, after the SALUTE mnemonic (size, activity, location, uniform, time, equipment). Every
 * choice has an UNKNOWN value, because a frightened reporter must be able to send without answering everything.
 */
public record Salute(
        Size size, Activity activity, LocationHint location, Agency agency, ObservedTime time, Equipment equipment) {

    public Salute {
        Checks.required(size, "size");
        Checks.required(activity, "activity");
        Checks.required(location, "location");
        Checks.required(agency, "uniform or agency");
        Checks.required(time, "observed time");
        Checks.required(equipment, "equipment");
    }

    public static Salute unknown() {
        return new Salute(Size.UNKNOWN, Activity.UNKNOWN, LocationHint.UNKNOWN, Agency.UNKNOWN, ObservedTime.UNKNOWN,
                Equipment.UNKNOWN);
    }

    /** How many people were seen. */
    public enum Size { ONE, TWO_TO_FIVE, SIX_TO_TEN, MORE_THAN_TEN, UNKNOWN }

    /** What they were doing. */
    public enum Activity { PASSING_BY, WAITING_OR_PARKED, QUESTIONING_PEOPLE, DETAINING_SOMEONE, ENTERING_BUILDING,
        OTHER, UNKNOWN }

    /** Where, relative to the site; the free text can say more. */
    public enum LocationHint { AT_ENTRANCE, PARKING_LOT, STREET_OUTSIDE, BUS_STOP, INSIDE_BUILDING, NEARBY_BLOCK,
        OTHER, UNKNOWN }

    /** Uniform or agency, as far as the reporter could tell. */
    public enum Agency { ICE, BORDER_PATROL, LOCAL_POLICE, OTHER_FEDERAL, PLAIN_CLOTHES, OTHER, UNKNOWN }

    /** When it was seen. */
    public enum ObservedTime { NOW, WITHIN_15_MIN, WITHIN_HOUR, EARLIER, UNKNOWN }

    /** What they had with them. */
    public enum Equipment { NONE_SEEN, MARKED_VEHICLES, UNMARKED_VEHICLES, VISIBLE_WEAPONS, OTHER, UNKNOWN }
}
