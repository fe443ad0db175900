package org.javaasync.kernel.protocol;

import org.javaasync.kernel.frontend.Parent;

/** The {@link Parent} handle of a request: the services carry it, only the protocol layer opens it. */
record WireParent(WireMessage request) implements Parent {

    /** The request behind a handle made here; {@code null} for none. */
    static WireMessage of(Parent parent) {
        return parent == null ? null : ((WireParent) parent).request();
    }
}
