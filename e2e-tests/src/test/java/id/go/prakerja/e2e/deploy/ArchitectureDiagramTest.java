package id.go.prakerja.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.go.prakerja.events.Topics;

/**
 * The README's one architecture picture is the code's: every service module drawn, as built, on its
 * port; every topic of {@link Topics} and no other; and into each service exactly the topics its
 * {@code application.yml} binds a consumer to. A renamed service or topic, a new consumer, or a
 * built part drawn dotted as missing fails here.
 */
class ArchitectureDiagramTest {

    private static final Pattern SERVICE_NODE = Pattern.compile("(\\w+)\\[\"([a-z-]+) :(\\d+)\"]");
    private static final Pattern TOPIC_NODE = Pattern.compile("(\\w+)\\{\\{\"(prakerja\\.[a-z]+\\.v1)\"}}");
    private static final Pattern TOPIC_NAME = Pattern.compile("prakerja\\.[a-z]+\\.v1");
    /** {@code producer --> tX{{"topic"}} --> a & b}: who reads a topic, drawn on its own line. */
    private static final Pattern READERS = Pattern.compile("\\{\\{\"(prakerja\\.[a-z]+\\.v1)\"}}\\s*-->\\s*([\\w &]+)$");
    /** {@code tA & tB -->|label| reader}: several topics drawn into one reader. */
    private static final Pattern INTO_ONE = Pattern.compile("^\\s*((?:\\w+\\s*&\\s*)*\\w+)\\s*-->(?:\\|[^|]*\\|)?\\s*(\\w+)\\s*$");
    private static final Pattern DESTINATION = Pattern.compile("destination:[ \\t]*([\\w.,\\- \\t]+)");

    private static Repository repository;
    private static String diagram;

    @BeforeAll
    static void readDiagram() throws IOException {
        repository = Repository.locate();
        String readme = Files.readString(repository.path("README.md"));
        int start = readme.indexOf("```mermaid");
        assertThat(start).as("README.md draws its architecture as a mermaid diagram").isNotNegative();
        diagram = readme.substring(start, readme.indexOf("```", start + 3));
        assertThat(readme.indexOf("```mermaid", start + 3)).as("one picture").isNegative();
    }

    /** The deployable services: the modules that are Spring Boot services with a port of their own. */
    private static Set<String> serviceModules() {
        Set<String> services = new TreeSet<>();
        for (String module : repository.modules()) {
            if (module.endsWith("-service") || module.equals("operator-console")) {
                services.add(module);
            }
        }
        return services;
    }

    private static Map<String, String> serviceAliases() {
        Map<String, String> aliases = new HashMap<>();
        Matcher m = SERVICE_NODE.matcher(diagram);
        while (m.find()) {
            aliases.put(m.group(1), m.group(2));
        }
        return aliases;
    }

    @Test
    void every_service_is_drawn_once_as_built_on_its_port() {
        Map<String, Integer> drawn = new TreeMap<>();
        Matcher m = SERVICE_NODE.matcher(diagram);
        while (m.find()) {
            if (!m.group(2).equals("gateway")) {
                drawn.put(m.group(2), Integer.parseInt(m.group(3)));
            }
        }
        assertThat(drawn.keySet()).as("services drawn").containsExactlyInAnyOrderElementsOf(serviceModules());
        drawn.forEach((service, port) -> assertThat(port).as(service + "'s port").isEqualTo(repository.port(service)));
        assertThat(diagram).as("a gateway node").contains("gw[\"gateway :8080\"]");
        // nothing built is drawn as missing
        assertThat(diagram).doesNotContain("-.-", ".->").doesNotContainIgnoringCase("not built").doesNotContainIgnoringCase("planned");
    }

    @Test
    void every_topic_and_no_other_is_drawn() throws IllegalAccessException {
        Set<String> topics = new TreeSet<>();
        for (Field f : Topics.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                String value = (String) f.get(null);
                if (TOPIC_NAME.matcher(value).matches()) {
                    topics.add(value);
                }
            }
        }
        Set<String> drawn = new TreeSet<>();
        Matcher m = TOPIC_NODE.matcher(diagram);
        while (m.find()) {
            drawn.add(m.group(2));
        }
        assertThat(drawn).as("topics drawn").isEqualTo(topics);
        Matcher any = TOPIC_NAME.matcher(diagram);
        while (any.find()) {
            assertThat(topics).as("a topic named in the picture").contains(any.group());
        }
    }

    @Test
    void into_each_service_go_exactly_the_topics_it_consumes() throws IOException {
        Map<String, String> services = serviceAliases();
        Map<String, String> topicAliases = new HashMap<>();
        Matcher t = TOPIC_NODE.matcher(diagram);
        while (t.find()) {
            topicAliases.put(t.group(1), t.group(2));
        }
        Map<String, Set<String>> drawnInto = new HashMap<>();
        for (String line : diagram.split("\n")) {
            Matcher readers = READERS.matcher(line.strip());
            if (readers.find()) {
                for (String alias : readers.group(2).split("&")) {
                    drawnInto.computeIfAbsent(services.get(alias.strip()), k -> new TreeSet<>()).add(readers.group(1));
                }
                continue;
            }
            Matcher intoOne = INTO_ONE.matcher(line);
            if (intoOne.find() && services.containsKey(intoOne.group(2))) {
                for (String alias : intoOne.group(1).split("&")) {
                    String topic = topicAliases.get(alias.strip());
                    if (topic != null) {
                        drawnInto.computeIfAbsent(services.get(intoOne.group(2)), k -> new TreeSet<>()).add(topic);
                    }
                }
            }
        }
        Map<String, Set<String>> consumed = new TreeMap<>();
        for (String service : serviceModules()) {
            Set<String> topics = new TreeSet<>();
            Matcher d = DESTINATION.matcher(Files.readString(repository.applicationYml(service)));
            while (d.find()) {
                for (String name : d.group(1).split(",")) {
                    if (TOPIC_NAME.matcher(name.strip()).matches()) {
                        topics.add(name.strip());
                    }
                }
            }
            if (!topics.isEmpty()) {
                consumed.put(service, topics);
            }
        }
        assertThat(drawnInto).as("every reader drawn is a service").doesNotContainKey(null);
        assertThat(new TreeMap<>(drawnInto)).as("topics drawn into each service").isEqualTo(consumed);
        assertThat(new HashSet<>(services.values())).as("every service drawn is a module or the gateway")
                .allMatch(s -> s.equals("gateway") || serviceModules().contains(s));
    }
}
