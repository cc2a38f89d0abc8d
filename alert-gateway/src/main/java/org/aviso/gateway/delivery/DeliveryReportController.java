package org.aviso.gateway.delivery;

import java.util.UUID;

import org.aviso.core.common.AlertId;
import org.aviso.core.common.NetworkId;
import org.aviso.gateway.security.AvisoPrincipal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The delivery report as JSON, for the console's live delivery view. */
@RestController
class DeliveryReportController {

    private final DeliveryReports reports;

    DeliveryReportController(DeliveryReports reports) {
        this.reports = reports;
    }

    @GetMapping("/api/console/alerts/{alertId}/deliveries")
    DeliveryReports.DeliveryReport report(@AuthenticationPrincipal AvisoPrincipal user,
            @PathVariable("alertId") UUID alertId) {
        return reports.report(new NetworkId(user.networkId()), new AlertId(alertId));
    }
}
