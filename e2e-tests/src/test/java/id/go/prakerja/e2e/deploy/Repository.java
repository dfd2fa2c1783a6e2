package id.go.prakerja.e2e.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The repository as the deployment descriptors see it: the root pom's modules and version,
 * and what each deployable's own {@code application.yml} says about itself.
 */
final class Repository {

    private static final Pattern PLACEHOLDER_WITH_DEFAULT = Pattern.compile("\\$\\{[^:}]+:(\\d+)}");

    private final Path root;
    private final Document pom;

    private Repository(Path root) {
        this.root = root;
        this.pom = parseXml(root.resolve("pom.xml"));
    }

    /** The repository root: the nearest directory, upwards from here, with a pom.xml and docker-compose.yml. */
    static Repository locate() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
                return new Repository(dir);
            }
        }
        throw new AssertionError("no directory at or above " + start + " holds both pom.xml and docker-compose.yml");
    }

    Path root() {
        return root;
    }

    Path path(String relative) {
        return root.resolve(relative);
    }

    /** The modules the root pom builds, in its order. */
    List<String> modules() {
        NodeList nodes = pom.getElementsByTagName("module");
        List<String> modules = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            modules.add(nodes.item(i).getTextContent().trim());
        }
        return modules;
    }

    /** The platform's version, from the root pom's own {@code <version>}. */
    String version() {
        return directChildText(pom.getDocumentElement(), "version");
    }

    /** The classifier the root pom gives the Spring Boot executable jar (pluginManagement). */
    String bootJarClassifier() {
        NodeList plugins = pom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if ("spring-boot-maven-plugin".equals(directChildText(plugin, "artifactId"))) {
                NodeList classifiers = plugin.getElementsByTagName("classifier");
                if (classifiers.getLength() > 0) {
                    return classifiers.item(0).getTextContent().trim();
                }
            }
        }
        return null;
    }

    /** The deployable's own settings file, the single source of truth for its port. */
    Path applicationYml(String module) {
        return root.resolve(module).resolve("src/main/resources/application.yml");
    }

    /** {@code server.port} as the module's application.yml declares it (a literal, or a placeholder's default). */
    int port(String module) {
        Object value = defaultProfileSetting(module, "server.port");
        if (value == null) {
            throw new AssertionError(applicationYml(module) + " declares no server.port");
        }
        String text = String.valueOf(value).trim();
        Matcher placeholder = PLACEHOLDER_WITH_DEFAULT.matcher(text);
        if (placeholder.matches()) {
            text = placeholder.group(1);
        }
        if (!text.matches("\\d+")) {
            throw new AssertionError(applicationYml(module) + ": server.port should be a number (or ${VAR:number}), is " + value);
        }
        return Integer.parseInt(text);
    }

    /** {@code spring.application.name} as the module's application.yml declares it. */
    String applicationName(String module) {
        Object value = defaultProfileSetting(module, "spring.application.name");
        return value == null ? null : String.valueOf(value);
    }

    /**
     * A setting from the documents of application.yml that apply without a profile
     * (the last one wins, as in Spring Boot). Keys may be nested or written with dots.
     */
    private Object defaultProfileSetting(String module, String key) {
        Path file = applicationYml(module);
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(file + " is missing: every deployable declares its server.port and "
                    + "spring.application.name there, and the deployment descriptors are checked against it");
        }
        Object found = null;
        for (YamlNode document : YamlNode.loadAll(file)) {
            if (lookup(document.value(), "spring.config.activate.on-profile") != null) {
                continue;
            }
            Object value = lookup(document.value(), key);
            if (value != null) {
                found = value;
            }
        }
        return found;
    }

    /** Finds {@code a.b.c} in {@code {a: {b: {c: x}}}}, {@code {a.b: {c: x}}}, {@code {a.b.c: x}} and so on. */
    static Object lookup(Object node, String dottedKey) {
        if (!(node instanceof Map<?, ?> map)) {
            return null;
        }
        if (map.containsKey(dottedKey)) {
            return map.get(dottedKey);
        }
        int dot = dottedKey.indexOf('.');
        while (dot > 0) {
            Object child = map.get(dottedKey.substring(0, dot));
            Object found = lookup(child, dottedKey.substring(dot + 1));
            if (found != null) {
                return found;
            }
            dot = dottedKey.indexOf('.', dot + 1);
        }
        return null;
    }

    private static String directChildText(Element parent, String tag) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && tag.equals(element.getTagName())) {
                return element.getTextContent().trim();
            }
        }
        return null;
    }

    private static Document parseXml(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("expected " + file);
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
