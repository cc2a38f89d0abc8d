package org.aviso.core.report;

/** A transition the lifecycle does not allow, such as claiming a report someone else holds. */
public class LifecycleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LifecycleException(String message) {
        super(message);
    }
}
