package id.go.prakerja.e2e.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One kustomization directory read as written (no kustomize binary needed). */
final class Kustomization {

    /** A patch and what it applies to; the body is a JSON 6902 list of operations or a partial manifest. */
    record Patch(String targetKind, String targetName, YamlNode body) {

        boolean appliesTo(YamlNode manifest) {
            return targetKind.equals(manifest.kind())
                    && (targetName == null || manifest.name() != null && manifest.name().matches(targetName));
        }

        boolean isJsonPatch() {
            return body.value() instanceof List<?>;
        }
    }

    private final Path dir;
    private final YamlNode root;

    private Kustomization(Path dir) {
        this.dir = dir;
        this.root = YamlNode.load(dir.resolve("kustomization.yaml"));
    }

    static Kustomization at(Path dir) {
        return new Kustomization(dir);
    }

    static boolean isKustomization(Path dir) {
        return Files.isRegularFile(dir.resolve("kustomization.yaml"));
    }

    Path dir() {
        return dir;
    }

    YamlNode root() {
        return root;
    }

    List<String> resources() {
        return root.get("resources").items().stream().map(YamlNode::requiredText).toList();
    }

    /** Every path this kustomization names, with the field that names it. */
    Map<String, String> referencedPaths() {
        Map<String, String> paths = new LinkedHashMap<>();
        resources().forEach(resource -> paths.put(resource, "resources"));
        root.get("components").items().forEach(component -> paths.put(component.requiredText(), "components"));
        root.get("patches").items().forEach(patch -> {
            if (patch.get("path").present()) {
                paths.put(patch.get("path").text(), "patches");
            }
        });
        root.get("patchesStrategicMerge").items().forEach(patch -> paths.put(patch.requiredText(), "patchesStrategicMerge"));
        root.get("patchesJson6902").items().forEach(patch -> paths.put(patch.get("path").requiredText(), "patchesJson6902"));
        for (String generatorKind : List.of("configMapGenerator", "secretGenerator")) {
            for (YamlNode generator : root.get(generatorKind).items()) {
                for (String source : List.of("files", "envs")) {
                    generator.get(source).items().forEach(file -> {
                        String text = file.requiredText();
                        // files may be written key=path
                        paths.put(text.contains("=") ? text.substring(text.indexOf('=') + 1) : text, generatorKind + " " + source);
                    });
                }
                if (generator.get("env").present()) {
                    paths.put(generator.get("env").text(), generatorKind + " env");
                }
            }
        }
        return paths;
    }

    /** The manifests in the resource files this kustomization lists itself (not those of the bases it builds on). */
    List<YamlNode> ownManifests() {
        List<YamlNode> manifests = new ArrayList<>();
        for (String resource : resources()) {
            Path path = dir.resolve(resource).normalize();
            if (Files.isRegularFile(path)) {
                manifests.addAll(YamlNode.loadAll(path));
            }
        }
        return manifests;
    }

    /** The kustomizations this one builds on (resources that are directories). */
    List<Kustomization> bases() {
        return resources().stream()
                .map(resource -> dir.resolve(resource).normalize())
                .filter(Kustomization::isKustomization)
                .map(Kustomization::at)
                .toList();
    }

    /** This kustomization's manifests and those of everything it builds on. */
    List<YamlNode> allManifests() {
        List<YamlNode> manifests = new ArrayList<>();
        bases().forEach(base -> manifests.addAll(base.allManifests()));
        manifests.addAll(ownManifests());
        return manifests;
    }

    Optional<YamlNode> manifest(String kind, String name) {
        return allManifests().stream().filter(manifest -> manifest.is(kind, name)).findFirst();
    }

    List<YamlNode> manifests(String kind) {
        return allManifests().stream().filter(manifest -> kind.equals(manifest.kind())).toList();
    }

    /** The generator entries of one kind ({@code configMapGenerator} or {@code secretGenerator}). */
    List<YamlNode> generators(String generatorKind) {
        return root.get(generatorKind).items();
    }

    /** KEY=VALUE literals of one named generator of this kustomization (empty when it has none). */
    Map<String, String> literals(String generatorKind, String name) {
        Map<String, String> literals = new LinkedHashMap<>();
        for (YamlNode generator : generators(generatorKind)) {
            if (name.equals(generator.get("name").text())) {
                for (YamlNode literal : generator.get("literals").items()) {
                    String text = literal.requiredText();
                    int equals = text.indexOf('=');
                    if (equals < 1) {
                        throw new AssertionError(literal.where() + " should read KEY=VALUE: " + text);
                    }
                    literals.put(text.substring(0, equals), text.substring(equals + 1));
                }
            }
        }
        return literals;
    }

    /** A generated ConfigMap's literals as this kustomization ends up with them (bases first, merges after). */
    Map<String, String> effectiveConfigMap(String name) {
        Map<String, String> literals = new LinkedHashMap<>();
        bases().forEach(base -> literals.putAll(base.effectiveConfigMap(name)));
        literals.putAll(literals("configMapGenerator", name));
        return literals;
    }

    List<Patch> patches() {
        List<Patch> patches = new ArrayList<>();
        for (YamlNode patch : root.get("patches").items()) {
            YamlNode body = patch.get("path").present()
                    ? YamlNode.load(dir.resolve(patch.get("path").text()))
                    : YamlNode.parse(patch.get("patch").requiredText(), patch.where() + " > patch");
            YamlNode target = patch.get("target");
            if (target.present()) {
                patches.add(new Patch(target.get("kind").requiredText(), target.get("name").text(), body));
            } else {
                patches.add(new Patch(body.get("kind").requiredText(), body.get("metadata", "name").requiredText(), body));
            }
        }
        for (YamlNode path : root.get("patchesStrategicMerge").items()) {
            YamlNode body = YamlNode.load(dir.resolve(path.requiredText()));
            patches.add(new Patch(body.kind(), body.name(), body));
        }
        return patches;
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
