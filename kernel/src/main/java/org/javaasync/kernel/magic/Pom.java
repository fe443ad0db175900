package org.javaasync.kernel.magic;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The parts of an effective POM that dependency resolution needs: coordinates, packaging, and dependencies with
 * versions filled in from properties, the parent chain and {@code dependencyManagement} (including BOM imports).
 */
record Pom(
        String groupId,
        String artifactId,
        String version,
        String packaging,
        List<Dependency> dependencies,
        Map<String, String> properties,
        Map<String, Dependency> managed) {

    /** A declared dependency after interpolation. */
    record Dependency(
            String groupId,
            String artifactId,
            String version,
            String scope,
            String type,
            String classifier,
            boolean optional,
            Set<String> exclusions) {

        String key() {
            return groupId + ":" + artifactId;
        }
    }

    /** Loads the POM of another artifact (a parent or an imported BOM). */
    @FunctionalInterface
    interface Source {
        Pom pom(MavenResolver.Artifact artifact) throws ResolutionException;
    }

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    static Pom parse(InputStream in, Source source) throws IOException, ResolutionException {
        Element project = document(in).getDocumentElement();
        Element parentElement = child(project, "parent");
        Pom parent = null;
        if (parentElement != null) {
            parent = source.pom(new MavenResolver.Artifact(
                    text(parentElement, "groupId"),
                    text(parentElement, "artifactId"),
                    text(parentElement, "version"),
                    ""));
        }
        String groupId = orElse(text(project, "groupId"), parent == null ? null : parent.groupId());
        String version = orElse(text(project, "version"), parent == null ? null : parent.version());
        String artifactId = text(project, "artifactId");

        Map<String, String> props = new HashMap<>(parent == null ? Map.of() : parent.properties());
        Element properties = child(project, "properties");
        if (properties != null) {
            for (Element p : children(properties))
                props.put(p.getTagName(), p.getTextContent().strip());
        }
        for (String prefix : List.of("project.", "pom.", "")) {
            props.put(prefix + "groupId", groupId);
            props.put(prefix + "version", version);
            props.put(prefix + "artifactId", artifactId);
        }
        if (parent != null) {
            props.put("project.parent.version", parent.version());
            props.put("project.parent.groupId", parent.groupId());
        }

        Map<String, Dependency> managed = new LinkedHashMap<>(parent == null ? Map.of() : parent.managed());
        Element management = child(project, "dependencyManagement");
        if (management != null && child(management, "dependencies") != null) {
            for (Element d : children(child(management, "dependencies"))) {
                Dependency dep = dependency(d, props, Map.of());
                if ("import".equals(dep.scope()) && "pom".equals(dep.type())) {
                    Pom bom =
                            source.pom(new MavenResolver.Artifact(dep.groupId(), dep.artifactId(), dep.version(), ""));
                    bom.managed().forEach(managed::putIfAbsent);
                } else {
                    managed.put(dep.key(), dep);
                }
            }
        }

        List<Dependency> dependencies = new ArrayList<>();
        Element deps = child(project, "dependencies");
        if (deps != null) {
            for (Element d : children(deps)) dependencies.add(dependency(d, props, managed));
        }
        return new Pom(
                groupId,
                artifactId,
                version,
                orElse(text(project, "packaging"), "jar"),
                List.copyOf(dependencies),
                Map.copyOf(props),
                Map.copyOf(managed));
    }

    private static Dependency dependency(Element d, Map<String, String> props, Map<String, Dependency> managed) {
        String groupId = interpolate(text(d, "groupId"), props);
        String artifactId = interpolate(text(d, "artifactId"), props);
        Dependency m = managed.get(groupId + ":" + artifactId);
        String version = interpolate(orElse(text(d, "version"), m == null ? null : m.version()), props);
        String scope = orElse(interpolate(text(d, "scope"), props), m == null ? "compile" : m.scope());
        Set<String> exclusions = new java.util.HashSet<>();
        Element ex = child(d, "exclusions");
        if (ex != null) {
            for (Element e : children(ex)) exclusions.add(text(e, "groupId") + ":" + text(e, "artifactId"));
        }
        if (m != null) exclusions.addAll(m.exclusions());
        if (version == null) {
            throw new IllegalArgumentException("no version for dependency " + groupId + ":" + artifactId);
        }
        return new Dependency(
                groupId,
                artifactId,
                version,
                scope,
                orElse(text(d, "type"), "jar"),
                orElse(text(d, "classifier"), ""),
                "true".equals(interpolate(text(d, "optional"), props)),
                Set.copyOf(exclusions));
    }

    static String interpolate(String value, Map<String, String> props) {
        if (value == null) return null;
        String current = value;
        for (int depth = 0; depth < 10 && current.contains("${"); depth++) {
            Matcher m = PROPERTY.matcher(current);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String replacement = props.getOrDefault(m.group(1), m.group(0));
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(out);
            if (out.toString().equals(current)) break;
            current = out.toString();
        }
        return current;
    }

    private static Document document(InputStream in) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder().parse(in);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not a readable POM: " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String name) {
        for (Element e : children(parent)) {
            if (e.getTagName().equals(name)) return e;
        }
        return null;
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) out.add(e);
        }
        return out;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().strip();
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
