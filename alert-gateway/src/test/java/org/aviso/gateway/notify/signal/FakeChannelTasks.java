package org.aviso.gateway.notify.signal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.aviso.core.common.PersonId;
import org.aviso.gateway.notify.ChannelTasks;

/** Remembers the tasks raised, for tests to look at. */
final class FakeChannelTasks implements ChannelTasks {

    record Raised(Kind kind, String sender, Optional<PersonId> person, String detail) {
    }

    final List<Raised> raised = new CopyOnWriteArrayList<>();

    @Override
    public void raise(Kind kind, String sender, Optional<PersonId> person, String detail) {
        raised.add(new Raised(kind, sender, person, detail));
    }
}
