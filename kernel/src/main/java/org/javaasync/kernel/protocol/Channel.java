package org.javaasync.kernel.protocol;

/** The kernel's message channels (the heartbeat is not one: it echoes raw frames). */
public enum Channel {
    SHELL,
    CONTROL,
    STDIN,
    IOPUB;

    /** The name used in logs and in the protocol documentation. */
    public String wireName() {
        return name().toLowerCase();
    }
}
