package org.aviso.gateway.importing;

/** A file or request that cannot be imported at all; {@link #getMessage()} is a message key, never file content. */
public class ImportException extends RuntimeException {

    private final transient Object[] args;

    public ImportException(String messageKey, Object... args) {
        super(messageKey);
        this.args = args;
    }

    public String key() {
        return getMessage();
    }

    public Object[] args() {
        return args.clone();
    }
}
