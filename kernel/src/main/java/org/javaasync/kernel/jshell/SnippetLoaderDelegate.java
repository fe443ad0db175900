package org.javaasync.kernel.jshell;

import java.io.File;
import java.net.MalformedURLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

/** JShell's class-loading hooks, answered with a {@link SnippetClassLoader}. */
final class SnippetLoaderDelegate implements LoaderDelegate {

    private final SnippetClassLoader loader;
    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();
    private volatile Consumer<String> onLoad = name -> {};

    SnippetLoaderDelegate(ClassLoader parent) {
        this.loader = new SnippetClassLoader(parent);
    }

    /**
     * Calls {@code listener} with the name of every snippet class JShell loads or redefines, before it runs, on the
     * thread that evaluates (holding JShell's lock).
     */
    void onLoad(Consumer<String> listener) {
        this.onLoad = listener;
    }

    /** The loader that defines snippet classes. */
    SnippetClassLoader loader() {
        return loader;
    }

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException {
        boolean[] loaded = new boolean[cbcs.length];
        try {
            for (ClassBytecodes cbc : cbcs) {
                declare(cbc);
            }
            for (int i = 0; i < cbcs.length; i++) {
                Class<?> klass = loader.loadClass(cbcs[i].name());
                classes.put(cbcs[i].name(), klass);
                loaded[i] = true;
                // Link now, as JShell's own delegate does, so that verification errors surface at load time.
                klass.getDeclaredMethods();
            }
        } catch (Throwable e) {
            throw new ClassInstallException("load: " + e, loaded);
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] cbcs) {
        for (ClassBytecodes cbc : cbcs) {
            declare(cbc);
        }
    }

    // A redefined class has a new wrapper too (its imports, so its line numbers, may have changed): both paths tell.
    private void declare(ClassBytecodes cbc) {
        loader.declare(cbc.name(), cbc.bytecodes());
        onLoad.accept(cbc.name());
    }

    @Override
    public void addToClasspath(String path) throws InternalException {
        try {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    loader.addURL(new File(entry).toURI().toURL());
                }
            }
        } catch (MalformedURLException e) {
            throw new InternalException(e.toString());
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> klass = classes.get(name);
        if (klass == null) {
            throw new ClassNotFoundException(name + " not found");
        }
        return klass;
    }
}
