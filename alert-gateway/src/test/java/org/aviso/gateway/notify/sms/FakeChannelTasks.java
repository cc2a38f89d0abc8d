package org.aviso.gateway.notify.sms;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.aviso.core.common.PersonId;
import org.aviso.gateway.notify.ChannelTasks;

/** Remembers the console tasks a channel raised. */
class FakeChannelTasks implements ChannelTasks {

    record Task(Kind kind, String sender, Optional<PersonId> person, String detail) {
    }

    final List<Task> raised = new CopyOnWriteArrayList<>();

    @Override
    public void raise(Kind kind, String sender, Optional<PersonId> person, String detail) {
        raised.add(new Task(kind, sender, person, detail));
    }
}
