package org.aviso.gateway.importing;

/**
 * What a column of a school export may become in Aviso. Anything else is dropped before it is stored: there is no
 * field here for a student's name or id, a birth date, an immigration status or a nationality, on purpose.
 */
public enum ImportField {
    /** The school, by its name in Aviso. */
    SITE,
    /** "staff" or "family" (and their Spanish names); a file without it uses the role chosen for the whole file. */
    ROLE,
    /** A staff member's display name; never read for a family row. */
    STAFF_NAME,
    /** A family's label, such as "Room 12 family". */
    LABEL,
    LANGUAGE,
    /** A phone number; several phone columns make several contact points of the same family. */
    PHONE,
    /** Homeroom or teacher: the family joins the group "Room … families". */
    HOMEROOM,
    /** Grade: the family joins the group "Grade … families" when no homeroom is given. */
    GRADE,
    /** Not kept. */
    DROP
}
