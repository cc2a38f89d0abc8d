package org.aviso.gateway.page;

import org.aviso.core.escalation.ChannelPolicy;
import org.aviso.core.escalation.EscalationPolicy;

/**
 * The built-in way a new report wakes dispatchers, as the product describes it: on-call dispatchers over Signal;
 * after 2 minutes unclaimed, the backups over Signal and SMS; after 5 more, the coordinators; repeat until claimed.
 * A network that has not saved its own policy ({@link PagePolicyStore}) uses this one.
 */
public final class PagePolicies {

    public static final String ON_CALL = "on-call";
    public static final String BACKUPS = "backups";
    public static final String COORDINATORS = "coordinators";

    public static final NewReportPaging NEW_REPORT_DEFAULT = new NewReportPaging(
            NewReportPaging.TierPaging.paged(ChannelPolicy.SIGNAL_THEN_SMS, 2),
            NewReportPaging.TierPaging.paged(ChannelPolicy.SIGNAL_AND_SMS, 5),
            NewReportPaging.TierPaging.paged(ChannelPolicy.SIGNAL_THEN_SMS, 5),
            EscalationPolicy.UNTIL_STOPPED);

    private PagePolicies() {
    }

    public static EscalationPolicy newReport() {
        return NEW_REPORT_DEFAULT.toPolicy();
    }
}
