/** Kernel services: execute, complete, inspect, history, interrupt, shutdown. */
package org.javaasync.kernel;
