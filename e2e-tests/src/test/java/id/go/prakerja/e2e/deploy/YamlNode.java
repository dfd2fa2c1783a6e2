package id.go.prakerja.e2e.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A value somewhere in a YAML document, with the path that led to it, so that a failed
 * expectation says where it looked ({@code registration-service.yaml > spec > template ...}).
 * Navigating to something absent gives an absent node rather than an exception.
 */
record YamlNode(Object value, String where) {

    /** Every document of a (possibly multi-document) YAML file; empty documents are left out. */
    static List<YamlNode> loadAll(Path file) {
        String text = read(file);
        List<YamlNode> documents = new ArrayList<>();
        int index = 0;
        for (Object document : parser().loadAll(text)) {
            if (document != null) {
                documents.add(new YamlNode(document, file.getFileName() + "#" + index));
            }
            index++;
        }
        return documents;
    }

    /** The single document of a YAML file. */
    static YamlNode load(Path file) {
        List<YamlNode> documents = loadAll(file);
        if (documents.size() != 1) {
            throw new AssertionError(file + " should hold exactly one YAML document, holds " + documents.size());
        }
        return new YamlNode(documents.getFirst().value(), file.getFileName().toString());
    }

    /** A YAML text held inside another document (for example an inline kustomize patch). */
    static YamlNode parse(String text, String where) {
        return new YamlNode(parser().load(text), where);
    }

    private static Yaml parser() {
        LoaderOptions options = new LoaderOptions();
        // a key written twice is a mistake in a descriptor, not something to resolve silently
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options));
    }

    static String read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("expected the file " + file + " but it does not exist");
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    YamlNode get(String... keys) {
        YamlNode node = this;
        for (String key : keys) {
            Object next = node.value instanceof Map<?, ?> map ? map.get(key) : null;
            node = new YamlNode(next, node.where + " > " + key);
        }
        return node;
    }

    boolean present() {
        return value != null;
    }

    /** The items of a list; an absent list has none. */
    List<YamlNode> items() {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new AssertionError(where + " should be a list but is " + value);
        }
        List<YamlNode> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            items.add(new YamlNode(list.get(i), where + "[" + i + "]"));
        }
        return items;
    }

    /** The entries of a mapping, in document order; an absent mapping has none. */
    Map<String, YamlNode> entries() {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new AssertionError(where + " should be a mapping but is " + value);
        }
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        map.forEach((key, entry) -> entries.put(String.valueOf(key), new YamlNode(entry, where + " > " + key)));
        return entries;
    }

    /** The scalar as text (numbers and booleans included), or null when absent. */
    String text() {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new AssertionError(where + " should be a single value but is " + value);
        }
        return value == null ? null : String.valueOf(value);
    }

    /** The scalar as text; absent is a failure that says where. */
    String requiredText() {
        String text = text();
        if (text == null) {
            throw new AssertionError("missing " + where);
        }
        return text;
    }

    String kind() {
        return get("kind").text();
    }

    String name() {
        return get("metadata", "name").text();
    }

    boolean is(String kind, String name) {
        return Objects.equals(kind(), kind) && Objects.equals(name(), name);
    }

    @Override
    public String toString() {
        return where + " = " + value;
    }
}
