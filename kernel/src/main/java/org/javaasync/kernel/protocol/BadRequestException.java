package org.javaasync.kernel.protocol;

/** A request whose content lacks a field or has one of the wrong type; answered with an error reply. */
public final class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
