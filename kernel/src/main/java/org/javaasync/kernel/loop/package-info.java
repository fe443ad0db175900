/**
 * The kernel's side of the shared event loop: the one loop a kernel owns for its whole life, the runner that makes
 * every snippet a task on it, and what the kernel tracks of the tasks each cell started.
 */
package org.javaasync.kernel.loop;
