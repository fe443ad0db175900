package org.javaasync.kernel.frontend;

/**
 * The request a message belongs to, as the kernel's services see it: an opaque handle made by the protocol layer
 * for each request it hands over, and given back with every message that request causes, so that the frontend
 * shows that message where the request came from (its parent header). Services keep it, compare it by identity and
 * pass it on; they never look inside.
 */
public interface Parent {}
