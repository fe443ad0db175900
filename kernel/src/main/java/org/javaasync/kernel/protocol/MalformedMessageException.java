package org.javaasync.kernel.protocol;

/**
 * A message that cannot be trusted or understood: bad signature, missing frames, frames that are not JSON
 * objects, a header missing a field. It is dropped and logged; the channel keeps serving.
 */
public final class MalformedMessageException extends Exception {

    public MalformedMessageException(String message) {
        super(message);
    }
}
