package org.javaasync.kernel.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code kernel_info_reply} content: fixed at start-up, answered without waiting for JShell. */
final class KernelInfo {

    private KernelInfo() {}

    static ObjectNode content(Contents contents) {
        String javaVersion = System.getProperty("java.version");
        ObjectNode content = contents.object();
        content.put("status", "ok");
        content.put("protocol_version", MessageFactory.PROTOCOL_VERSION);
        content.put("implementation", "java-async");
        content.put("implementation_version", implementationVersion());
        ObjectNode language = content.putObject("language_info");
        language.put("name", "java");
        language.put("version", javaVersion);
        language.put("mimetype", "text/x-java");
        language.put("file_extension", ".java");
        language.put("pygments_lexer", "java");
        language.put("codemirror_mode", "text/x-java");
        content.put(
                "banner",
                "Java (async) kernel on " + System.getProperty("java.vm.name") + " " + javaVersion
                        + " - JShell with an asyncio-style event loop");
        content.put("debugger", false);
        ArrayNode links = content.putArray("help_links");
        link(
                links,
                "Java " + Runtime.version().feature() + " API",
                "https://docs.oracle.com/en/java/javase/" + Runtime.version().feature() + "/docs/api/");
        link(
                links,
                "JShell user's guide",
                "https://docs.oracle.com/en/java/javase/" + Runtime.version().feature() + "/jshell/");
        return content;
    }

    private static void link(ArrayNode links, String text, String url) {
        ObjectNode link = links.addObject();
        link.put("text", text);
        link.put("url", url);
    }

    private static String implementationVersion() {
        String version = KernelInfo.class.getPackage().getImplementationVersion();
        return version != null ? version : "0.1.0";
    }
}
