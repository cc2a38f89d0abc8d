package org.aviso.gateway.report;

import org.aviso.core.common.NetworkId;

/** Told when a network's reports change, so open consoles refresh their queue (server-sent events). */
public interface ReportEvents {

    void changed(NetworkId network);
}
