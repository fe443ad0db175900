package org.javaasync.kernel.jshell;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Defines snippet classes in the kernel's JVM, as a child of the kernel's own class loader: cell code sees the
 * kernel's and the runtime's classes (one copy of each, shared with the kernel), and the kernel sees cell objects.
 * Every snippet class is instrumented ({@link SnippetInstrumenter}) when it is defined. Jars the user adds to the
 * class path are searched after the parent, as URLs of this loader.
 */
final class SnippetClassLoader extends URLClassLoader {

    private static final Logger LOG = System.getLogger(SnippetClassLoader.class.getName());

    static {
        registerAsParallelCapable();
    }

    /** Original bytes of every snippet class declared so far, by binary name; kept for the stack-map resolver. */
    private final Map<String, byte[]> declared = new ConcurrentHashMap<>();

    private final SnippetInstrumenter instrumenter;

    SnippetClassLoader(ClassLoader parent) {
        super("jshell-snippets", new URL[0], parent);
        this.instrumenter = new SnippetInstrumenter(declared::get, this);
    }

    /** Makes {@code bytes} the definition of class {@code name}, defined when first loaded. */
    void declare(String name, byte[] bytes) {
        declared.put(name, bytes);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = declared.get(name);
        if (bytes == null) {
            return super.findClass(name);
        }
        byte[] code = instrumentOrKeep(name, bytes);
        return defineClass(name, code, 0, code.length);
    }

    private byte[] instrumentOrKeep(String name, byte[] bytes) {
        try {
            return instrumenter.instrument(bytes);
        } catch (RuntimeException | LinkageError e) {
            // Better a snippet that runs without interrupt checks than one that does not run at all.
            LOG.log(
                    Level.WARNING,
                    "Could not instrument snippet class " + name
                            + "; it runs without interrupt checks and System.exit protection",
                    e);
            return bytes;
        }
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        if (name.endsWith(".class")) {
            byte[] bytes = declared.get(
                    name.substring(0, name.length() - ".class".length()).replace('/', '.'));
            if (bytes != null) {
                return new ByteArrayInputStream(bytes);
            }
        }
        return super.getResourceAsStream(name);
    }

    @Override
    public void addURL(URL url) {
        super.addURL(url);
    }
}
