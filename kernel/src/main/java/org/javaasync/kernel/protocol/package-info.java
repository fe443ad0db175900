/**
 * The Jupyter messaging protocol: sockets and signing ({@link org.javaasync.kernel.protocol.Transport},
 * {@link org.javaasync.kernel.protocol.MessageCodec}), the framing of every request (busy, idle, replies, the
 * execute queue with abort-on-error and interrupts), and the only JSON of the kernel: the services' typed values
 * become message content here, and the typed {@link org.javaasync.kernel.frontend.Frontend} is implemented here.
 */
package org.javaasync.kernel.protocol;
