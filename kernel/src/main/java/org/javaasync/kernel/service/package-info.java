/**
 * The kernel's services, the language side of each request: executing a cell and returning how it ended,
 * completion, inspection and the completeness check, the history. They name the request they serve by an opaque
 * {@link org.javaasync.kernel.frontend.Parent} and know nothing of JSON or sockets.
 */
package org.javaasync.kernel.service;
