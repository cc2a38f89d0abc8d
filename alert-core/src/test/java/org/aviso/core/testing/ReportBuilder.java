package org.aviso.core.testing;

import java.time.Instant;
import org.aviso.core.common.IncidentId;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.ReportId;
import org.aviso.core.common.ShortCode;
import org.aviso.core.common.SiteId;
import org.aviso.core.report.Report;
import org.aviso.core.report.ReportStatus;
import org.aviso.core.report.ReporterTrust;
import org.aviso.core.report.Salute;

/** A report from an enrolled site contact, received at {@link TestClock#T0}. */
public final class ReportBuilder {

    private NetworkId network = NetworkId.random();
    private SiteId site = SiteId.random();
    private IncidentId incident = IncidentId.random();

    public static ReportBuilder aReport() {
        return new ReportBuilder();
    }

    public ReportBuilder network(NetworkId value) {
        this.network = value;
        return this;
    }

    public ReportBuilder site(SiteId value) {
        this.site = value;
        return this;
    }

    public ReportBuilder incident(IncidentId value) {
        this.incident = value;
        return this;
    }

    public Report received() {
        return Report.received(ReportId.random(), network, site, incident, Salute.unknown(), "",
                ReporterTrust.ENROLLED_SITE_CONTACT, TestClock.T0, new ShortCode("RPRT2345"));
    }

    public Report verifiedBy(PersonId dispatcher, Instant at) {
        return received().claim(dispatcher, at).resolve(ReportStatus.VERIFIED, dispatcher, at);
    }
}
