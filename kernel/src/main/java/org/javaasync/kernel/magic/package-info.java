/**
 * The kernel's magics: lines starting with {@code %} at the top of a cell ({@code %time}, {@code %tasks},
 * {@code %cancel}, {@code %maven}, {@code %classpath}, {@code %lsmagic}) and cell magics ({@code %%time},
 * {@code %%timeline}), parsed so that Java is never mistaken for a magic.
 */
package org.javaasync.kernel.magic;
