/**
 * The frontend as the kernel's services see it: a typed interface ({@link org.javaasync.kernel.frontend.Frontend})
 * whose messages name their request by an opaque {@link org.javaasync.kernel.frontend.Parent}. The protocol layer,
 * above, implements it; the services and the output plumbing, below, use it, and never see JSON or a socket.
 */
package org.javaasync.kernel.frontend;
