package id.go.prakerja.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import id.go.prakerja.gateway.PublicPaths;
import id.go.prakerja.support.security.ConditionalOnLocalOperators;

/**
 * The deployment descriptors (docker-compose.yml, deploy/, k8s/) agree with the modules:
 * the root pom says which services exist, each service's own application.yml says which
 * port it listens on, and the table below says what each service owns and serves.
 * No Docker engine or cluster is needed: the files are read as written.
 */
class DeploymentDescriptorsTest {

    // ---- the platform, as the deployment descriptors must reflect it -------------------------

    private static final boolean HOLDS_TRANSPORT_KEY = true;
    private static final boolean NO_TRANSPORT_KEY = false;

    /**
     * Each service, its own database, its gateway setting (PRAKERJA_GATEWAY_SERVICES_&lt;key&gt;),
     * whether it holds the NIK transport key, and the public path prefixes it owns
     * (README, "Endpoint groups"). The single list of public paths in this test.
     */
    private static final List<Owner> SERVICES = List.of(
            new Owner("registration-service", "registration", "REGISTRATION", HOLDS_TRANSPORT_KEY,
                    "/api/v1/auth", "/api/v1/participants", "/api/v1/waves", "/api/v1/grievances",
                    "/admin/participants", "/admin/waves", "/admin/grievances", "/admin/messaging/registration", "/admin/audit/registration"),
            new Owner("verification-service", "verification", "VERIFICATION", HOLDS_TRANSPORT_KEY,
                    "/api/v1/verification", "/admin/verification", "/admin/messaging/verification", "/admin/audit/verification"),
            new Owner("training-marketplace-service", "training", "TRAINING", NO_TRANSPORT_KEY,
                    "/api/v1/trainings", "/api/v1/platforms", "/api/v1/purchases", "/api/v1/balance",
                    "/admin/trainings", "/admin/platforms", "/partner/platforms", "/admin/messaging/training", "/admin/audit/training"),
            new Owner("incentive-service", "incentive", "INCENTIVE", HOLDS_TRANSPORT_KEY,
                    "/api/v1/payout-account", "/api/v1/incentives", "/admin/incentives", "/admin/integrity", "/admin/messaging/incentive",
                    "/admin/audit/incentive"),
            new Owner("payment-gateway-service", "payment", "PAYMENT", HOLDS_TRANSPORT_KEY,
                    "/partner/payments", "/admin/payments", "/admin/reconciliation", "/admin/messaging/payment", "/admin/audit/payment"),
            new Owner("survey-service", "survey", "SURVEY", NO_TRANSPORT_KEY,
                    "/api/v1/surveys", "/admin/surveys", "/admin/messaging/survey", "/admin/audit/survey"),
            new Owner("operator-console", "console", "CONSOLE", NO_TRANSPORT_KEY,
                    "/console", "/admin/reports", "/admin/messaging/console", "/admin/audit/console"));

    private static final String GATEWAY = "gateway";
    /** A service that is not named "-service": the operators' read model and page. */
    private static final String OPERATOR_CONSOLE = "operator-console";
    private static final String SIMULATORS = "simulators";

    /** The setting that addresses each outside party, and the simulator port that stands in for it. */
    private static final Map<String, Integer> OUTSIDE_PARTIES = orderedMap(
            "PRAKERJA_DUKCAPIL_BASEURL", 9000,
            "PRAKERJA_SMS_BASEURL", 9001,
            "PRAKERJA_FACEMATCH_BASEURL", 9002,
            "PRAKERJA_EMAIL_BASEURL", 9008,
            "PRAKERJA_PARTNERS_BNI_BASEURL", 9003,
            "PRAKERJA_PARTNERS_LINKAJA_BASEURL", 9004,
            "PRAKERJA_PARTNERS_OVO_BASEURL", 9005,
            "PRAKERJA_PARTNERS_GOPAY_BASEURL", 9006,
            "PRAKERJA_TRAINING_CATALOGUE_FEEDURL", 9007);

    /** The simulators listen on 127.0.0.1 unless told otherwise: no other container could reach them. */
    private static final String SIMULATORS_ON_EVERY_INTERFACE = "--bind=0.0.0.0";

    /** dukcapil, sms, face-match, bni, linkaja, ovo, gopay, training platforms, email. */
    private static final List<Integer> SIMULATOR_PORTS = IntStream.rangeClosed(9000, 9008).boxed().toList();

    private static final String LIVENESS = "/actuator/health/liveness";
    private static final String READINESS = "/actuator/health/readiness";

    /** Settings whose values are secrets: they come from Secrets (k8s) or local-only env files (compose). */
    private static final Pattern SECRET_SETTING =
            Pattern.compile(".*(PASSWORD|SECRET|PRIVATEKEY|FIELDKEY|BLINDINDEXKEY|TRANSPORTKEY|APIKEY).*|SPRING_APPLICATION_JSON");
    private static final String TRANSPORT_KEY = "PRAKERJA_CRYPTO_TRANSPORTKEY";
    private static final String SIGNING_KEY = "PRAKERJA_SECURITY_JWT_PRIVATEKEY";
    private static final String PUBLIC_KEY = "PRAKERJA_SECURITY_JWT_PUBLICKEY";
    private static final String SIGNING_KEY_SECRET = "prakerja-jwt-signing";
    private static final String SIGNING_KEY_COMPOSE_VOLUME = "jwt-private";
    private static final String DATABASES_CONFIG = "prakerja-databases";
    private static final String PLATFORM_CONFIG = "prakerja-platform";
    private static final String OUTSIDE_PARTIES_CONFIG = "prakerja-outside-parties";
    private static final String GATEWAY_ROUTES_CONFIG = "gateway-routes";
    /** What the base uses where only an overlay can know the address. */
    private static final String PLACEHOLDER_HOST = ".invalid";

    private final Repository repo = Repository.locate();
    private final YamlNode compose = YamlNode.load(repo.path("docker-compose.yml"));
    private final Kustomization base = Kustomization.at(repo.path("k8s/base"));
    private final Kustomization staging = Kustomization.at(repo.path("k8s/overlays/staging"));
    private final Kustomization production = Kustomization.at(repo.path("k8s/overlays/production"));

    // ---- the modules -------------------------------------------------------------------------

    @Test
    void the_service_table_covers_every_service_module_of_the_build() {
        List<String> modules = repo.modules();

        assertThat(modules.stream().filter(module -> module.endsWith("-service") || module.equals(OPERATOR_CONSOLE)))
                .as("service modules in the root pom against the table of this test")
                .containsExactlyInAnyOrderElementsOf(SERVICES.stream().map(Owner::module).toList());
        assertThat(modules).contains(GATEWAY, SIMULATORS);
    }

    @Test
    void every_deployable_application_yml_names_it_after_its_module() {
        SoftAssertions.assertSoftly(softly -> {
            for (String module : deployables()) {
                softly.assertThat(repo.applicationName(module))
                        .as("spring.application.name in " + repo.applicationYml(module))
                        .isEqualTo(module);
            }
        });
    }

    // ---- docker compose ----------------------------------------------------------------------

    @Test
    void every_service_and_the_gateway_has_a_compose_service_exposing_its_own_port() {
        Map<String, Integer> ports = ports();
        SoftAssertions.assertSoftly(softly -> {
            for (String module : deployables()) {
                YamlNode service = composeService(module);
                int port = ports.get(module);
                softly.assertThat(service.get("build", "args", "MODULE").text()).as(module + " build arg MODULE").isEqualTo(module);
                softly.assertThat(service.get("build", "dockerfile").text()).as(module + " dockerfile").isEqualTo("deploy/Dockerfile");
                softly.assertThat(composeEnvironment(service).get("SERVER_PORT")).as(module + " SERVER_PORT").isEqualTo(String.valueOf(port));
                softly.assertThat(publishedPorts(service)).as(module + " published ports (host -> container)").containsEntry(port, port);
            }
        });
    }

    @Test
    void every_compose_service_uses_its_own_database_and_the_kafka_broker() {
        SoftAssertions.assertSoftly(softly -> {
            for (Owner owner : SERVICES) {
                YamlNode service = composeService(owner.module());
                Map<String, String> environment = composeEnvironment(service);
                softly.assertThat(environment.get("SPRING_DATASOURCE_URL")).as(owner.module() + " SPRING_DATASOURCE_URL")
                        .isEqualTo("jdbc:postgresql://postgres:5432/" + owner.database());
                softly.assertThat(environment.get("SPRING_KAFKA_BOOTSTRAP_SERVERS")).as(owner.module() + " SPRING_KAFKA_BOOTSTRAP_SERVERS")
                        .isEqualTo("kafka:9092");
                for (String infrastructure : List.of("kafka", "postgres")) {
                    softly.assertThat(service.get("depends_on", infrastructure, "condition").text())
                            .as(owner.module() + " waits for a healthy " + infrastructure)
                            .isEqualTo("service_healthy");
                }
            }
        });
    }

    @Test
    void every_compose_deployable_reports_readiness_as_its_healthcheck() {
        Map<String, Integer> ports = ports();
        SoftAssertions.assertSoftly(softly -> {
            for (String module : deployables()) {
                softly.assertThat(healthcheckCommand(composeService(module)))
                        .as(module + " healthcheck")
                        .contains("http://localhost:" + ports.get(module) + READINESS);
            }
        });
    }

    @Test
    void compose_runs_a_single_kraft_broker_and_postgres_17_both_healthchecked() {
        YamlNode kafka = composeService("kafka");
        Map<String, String> kafkaEnvironment = composeEnvironment(kafka);
        assertThat(kafka.get("image").text()).isEqualTo("apache/kafka:4.1.1");
        assertThat(kafkaEnvironment.get("KAFKA_PROCESS_ROLES")).as("KRaft: broker and controller in one node")
                .contains("broker").contains("controller");
        assertThat(kafkaEnvironment.get("KAFKA_ADVERTISED_LISTENERS")).contains("kafka:9092");
        assertThat(healthcheckCommand(kafka)).as("kafka healthcheck").isNotBlank();

        YamlNode postgres = composeService("postgres");
        assertThat(postgres.get("image").text()).isEqualTo("postgres:17");
        assertThat(healthcheckCommand(postgres)).as("postgres healthcheck").isNotBlank();
    }

    @Test
    void the_postgres_init_script_creates_every_service_database() {
        String script = YamlNode.read(repo.path("deploy/postgres/init-databases.sql")).replaceAll("--[^\\n]*", "");
        Set<String> created = new TreeSet<>();
        Matcher matcher = Pattern.compile("(?i)create\\s+database\\s+\"?(\\w+)\"?").matcher(script);
        while (matcher.find()) {
            created.add(matcher.group(1));
        }

        assertThat(created).containsExactlyInAnyOrderElementsOf(SERVICES.stream().map(Owner::database).toList());
        assertThat(composeService("postgres").get("volumes").items().stream().map(YamlNode::text))
                .as("postgres runs the init script")
                .anyMatch(volume -> volume.startsWith("./deploy/postgres/init-databases.sql:/docker-entrypoint-initdb.d/"));
    }

    @Test
    void the_compose_gateway_waits_for_every_service_and_routes_to_it() {
        Map<String, Integer> ports = ports();
        YamlNode gateway = composeService(GATEWAY);
        Map<String, String> environment = composeEnvironment(gateway);
        SoftAssertions.assertSoftly(softly -> {
            for (Owner owner : SERVICES) {
                softly.assertThat(gateway.get("depends_on", owner.module(), "condition").text())
                        .as("gateway waits for a healthy " + owner.module()).isEqualTo("service_healthy");
                softly.assertThat(environment.get(owner.gatewaySetting())).as("gateway " + owner.gatewaySetting())
                        .isEqualTo("http://" + owner.module() + ":" + ports.get(owner.module()));
            }
        });
    }

    @Test
    void compose_services_reach_every_outside_party_through_the_simulators() {
        YamlNode simulators = composeService(SIMULATORS);
        assertThat(simulators.get("build", "args", "MODULE").text()).isEqualTo(SIMULATORS);
        assertThat(simulators.get("command").items().stream().map(YamlNode::text)).as("simulators listen beyond loopback")
                .contains(SIMULATORS_ON_EVERY_INTERFACE);
        assertThat(simulators.get("command").items().stream().map(YamlNode::text))
                .as("the simulated payment partners notify the gateway, as real partners do")
                .contains("--payment-callback-base=http://gateway:8080");
        assertThat(publishedPorts(simulators).values()).containsExactlyInAnyOrderElementsOf(SIMULATOR_PORTS);
        assertThat(healthcheckCommand(simulators)).as("simulators healthcheck").isNotBlank();
        SoftAssertions.assertSoftly(softly -> {
            for (Owner owner : SERVICES) {
                YamlNode service = composeService(owner.module());
                Map<String, String> environment = composeEnvironment(service);
                OUTSIDE_PARTIES.forEach((setting, port) -> softly.assertThat(environment.get(setting))
                        .as(owner.module() + " " + setting).isEqualTo("http://simulators:" + port));
                softly.assertThat(service.get("depends_on", SIMULATORS, "condition").text())
                        .as(owner.module() + " waits for healthy simulators").isEqualTo("service_healthy");
            }
        });
    }

    @Test
    void compose_secrets_come_only_from_env_files_marked_local_only() {
        SoftAssertions.assertSoftly(softly -> composeServices().forEach((name, service) -> {
            composeEnvironment(service).forEach((setting, value) -> {
                if (SECRET_SETTING.matcher(setting).matches()) {
                    softly.assertThat(value).as(name + " " + setting + " must be a file location, its value in an env file")
                            .startsWith("file:");
                }
            });
            for (String envFile : envFiles(service)) {
                softly.assertThat(YamlNode.read(repo.path(envFile)))
                        .as(envFile + " (used by " + name + ") says it holds local demo values only")
                        .containsIgnoringCase("LOCAL DEMO VALUE");
            }
        }));
    }

    @Test
    void compose_has_no_operator_password_login_and_leaves_operators_to_an_oidc_provider() {
        SoftAssertions.assertSoftly(softly -> {
            for (String module : deployables()) {
                YamlNode service = composeService(module);
                Map<String, String> settings = new LinkedHashMap<>();
                envFiles(service).forEach(file -> settings.putAll(envFile(repo.path(file))));
                settings.putAll(composeEnvironment(service));
                String profiles = settings.getOrDefault("SPRING_PROFILES_ACTIVE", "");
                softly.assertThat(Stream.of(profiles.split(",")).map(String::strip).toList())
                        .as(module + " SPRING_PROFILES_ACTIVE: none of them may carry the password login")
                        .contains("compose")
                        .doesNotContainAnyElementsOf(ConditionalOnLocalOperators.LOCAL_PROFILES);
                softly.assertThat(settings.keySet()).as(module + " settings: no operator accounts under compose")
                        .noneMatch(setting -> setting.startsWith("PRAKERJA_SECURITY_LOCALOPERATORS"));
            }
            for (Owner owner : SERVICES) {
                softly.assertThat(composeEnvironment(composeService(owner.module())))
                        .as(owner.module() + " takes operator tokens of the OIDC provider compose is given")
                        .containsKeys("PRAKERJA_SECURITY_OPERATOROIDC_ISSUERURI", "PRAKERJA_SECURITY_OPERATOROIDC_AUDIENCE");
            }
            Map<String, String> console = composeEnvironment(composeService(OPERATOR_CONSOLE));
            softly.assertThat(console).as("the console page offers no password login under compose")
                    .containsEntry("PRAKERJA_CONSOLE_OPERATORLOGINPATH", "");
            softly.assertThat(console).as("the console page signs operators in at the OIDC provider")
                    .containsKeys("PRAKERJA_CONSOLE_OPERATOROIDC_AUTHORIZATIONENDPOINT",
                            "PRAKERJA_CONSOLE_OPERATOROIDC_TOKENENDPOINT", "PRAKERJA_CONSOLE_OPERATOROIDC_CLIENTID");
        });
    }

    // ---- Kubernetes base -----------------------------------------------------------------------

    @Test
    void every_service_has_a_deployment_with_probes_on_its_own_port() {
        Map<String, Integer> ports = ports();
        SoftAssertions.assertSoftly(softly -> {
            for (String module : deployables()) {
                int port = ports.get(module);
                YamlNode container = container(deployment(base, module));
                softly.assertThat(containerPorts(container)).as(module + " container ports").containsValue(port);
                softly.assertThat(literalEnv(container).get("SERVER_PORT")).as(module + " SERVER_PORT")
                        .isIn(null, String.valueOf(port));
                for (var probe : Map.of("livenessProbe", LIVENESS, "readinessProbe", READINESS, "startupProbe", LIVENESS).entrySet()) {
                    YamlNode httpGet = container.get(probe.getKey(), "httpGet");
                    softly.assertThat(httpGet.get("path").text()).as(module + " " + probe.getKey() + " path").isEqualTo(probe.getValue());
                    softly.assertThat(resolvePort(container, httpGet.get("port"))).as(module + " " + probe.getKey() + " port").isEqualTo(port);
                }
            }
        });
    }

    @Test
    void every_deployment_runs_as_non_root_on_a_read_only_root_file_system_with_bounded_resources() {
        SoftAssertions.assertSoftly(softly -> {
            for (Kustomization kustomization : List.of(base, staging)) {
                for (YamlNode deployment : kustomization.manifests("Deployment")) {
                    YamlNode pod = deployment.get("spec", "template", "spec");
                    String name = deployment.name();
                    softly.assertThat(pod.get("securityContext", "runAsNonRoot").value()).as(name + " runAsNonRoot").isEqualTo(true);
                    for (YamlNode container : pod.get("containers").items()) {
                        softly.assertThat(container.get("securityContext", "readOnlyRootFilesystem").value())
                                .as(name + " readOnlyRootFilesystem").isEqualTo(true);
                        softly.assertThat(container.get("securityContext", "allowPrivilegeEscalation").value())
                                .as(name + " allowPrivilegeEscalation").isEqualTo(false);
                        for (String bound : List.of("requests", "limits")) {
                            for (String resource : List.of("cpu", "memory")) {
                                softly.assertThat(container.get("resources", bound, resource).text())
                                        .as(name + " resources." + bound + "." + resource).isNotBlank();
                            }
                        }
                    }
                }
            }
        });
    }

    @Test
    void every_service_has_a_service_on_its_own_port() {
        Map<String, Integer> ports = ports();
        SoftAssertions.assertSoftly(softly -> {
            for (String module : deployables()) {
                YamlNode deployment = deployment(base, module);
                YamlNode service = manifest(base, "Service", module);
                Map<String, String> podLabels = labels(deployment.get("spec", "template", "metadata", "labels"));
                softly.assertThat(podLabels).as(module + " pods carry the Deployment's selector")
                        .containsAllEntriesOf(labels(deployment.get("spec", "selector", "matchLabels")));
                softly.assertThat(podLabels).as(module + " Service selects the pods")
                        .containsAllEntriesOf(nonEmptyLabels(service.get("spec", "selector")));
                YamlNode servicePort = service.get("spec", "ports").items().stream()
                        .filter(candidate -> String.valueOf(ports.get(module)).equals(candidate.get("port").text()))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(module + " Service has no port " + ports.get(module)));
                YamlNode targetPort = servicePort.get("targetPort").present() ? servicePort.get("targetPort") : servicePort.get("port");
                softly.assertThat(resolvePort(container(deployment), targetPort)).as(module + " Service targetPort")
                        .isEqualTo(ports.get(module));
            }
        });
    }

    @Test
    void every_service_has_an_autoscaler_targeting_its_deployment() {
        SoftAssertions.assertSoftly(softly -> {
            for (String module : deployables()) {
                YamlNode autoscaler = manifest(base, "HorizontalPodAutoscaler", module);
                softly.assertThat(autoscaler.get("apiVersion").text()).as(module + " HPA apiVersion").isEqualTo("autoscaling/v2");
                softly.assertThat(autoscaler.get("spec", "scaleTargetRef", "kind").text()).as(module + " HPA target kind").isEqualTo("Deployment");
                softly.assertThat(autoscaler.get("spec", "scaleTargetRef", "name").text()).as(module + " HPA target").isEqualTo(module);
                softly.assertThat(autoscaler.get("spec", "metrics").items().stream().map(metric -> metric.get("resource", "name").text()))
                        .as(module + " HPA metrics").contains("cpu");
                ReplicaBounds bounds = replicaBounds(base, module);
                softly.assertThat(bounds.min()).as(module + " HPA minReplicas").isBetween(1, bounds.max());
            }
        });
    }

    @Test
    void every_service_has_a_disruption_budget_selecting_its_pods() {
        SoftAssertions.assertSoftly(softly -> {
            for (String module : deployables()) {
                YamlNode budget = manifest(base, "PodDisruptionBudget", module);
                Map<String, String> selector = nonEmptyLabels(budget.get("spec", "selector", "matchLabels"));
                softly.assertThat(budget.get("apiVersion").text()).as(module + " PDB apiVersion").isEqualTo("policy/v1");
                softly.assertThat(podLabels(module)).as(module + " PDB selects its pods").containsAllEntriesOf(selector);
                for (String other : deployables()) {
                    if (!other.equals(module)) {
                        softly.assertThat(podLabels(other).entrySet().containsAll(selector.entrySet()))
                                .as(module + " PDB must not select the pods of " + other).isFalse();
                    }
                }
            }
        });
    }

    @Test
    void every_service_reads_its_own_database_and_the_broker_from_configuration() {
        SoftAssertions.assertSoftly(softly -> {
            for (Owner owner : SERVICES) {
                YamlNode container = container(deployment(base, owner.module()));
                YamlNode url = env(container, "SPRING_DATASOURCE_URL");
                softly.assertThat(url.get("valueFrom", "configMapKeyRef", "name").text()).as(owner.module() + " datasource config")
                        .isEqualTo(DATABASES_CONFIG);
                softly.assertThat(url.get("valueFrom", "configMapKeyRef", "key").text()).as(owner.module() + " datasource key")
                        .isEqualTo(owner.module());
                for (String credential : List.of("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD")) {
                    softly.assertThat(env(container, credential).get("valueFrom", "secretKeyRef", "name").text())
                            .as(owner.module() + " " + credential + " from a Secret").isNotBlank();
                }
                softly.assertThat(configMapsFrom(container)).as(owner.module() + " envFrom").contains(PLATFORM_CONFIG);
                for (Kustomization kustomization : List.of(base, staging, production)) {
                    softly.assertThat(kustomization.effectiveConfigMap(DATABASES_CONFIG).get(owner.module()))
                            .as(kustomization + " database of " + owner.module())
                            .matches("jdbc:postgresql://[^/:]+:5432/" + owner.database() + "(\\?.*)?");
                    softly.assertThat(kustomization.effectiveConfigMap(PLATFORM_CONFIG).get("SPRING_KAFKA_BOOTSTRAP_SERVERS"))
                            .as(kustomization + " SPRING_KAFKA_BOOTSTRAP_SERVERS").isNotBlank();
                }
            }
        });
    }

    @Test
    void deployments_take_settings_from_config_maps_and_secrets_only_by_reference() {
        SoftAssertions.assertSoftly(softly -> {
            for (Kustomization kustomization : List.of(base, staging, production)) {
                Set<String> configMaps = configMapNames(kustomization);
                for (YamlNode deployment : kustomization.manifests("Deployment")) {
                    for (YamlNode container : deployment.get("spec", "template", "spec", "containers").items()) {
                        String where = kustomization + " " + deployment.name();
                        for (YamlNode source : container.get("envFrom").items()) {
                            softly.assertThat(source.get("configMapRef").present() || source.get("secretRef").present())
                                    .as(where + " envFrom " + source.value()).isTrue();
                            if (source.get("configMapRef").present()) {
                                softly.assertThat(configMaps).as(where + " envFrom ConfigMap").contains(source.get("configMapRef", "name").text());
                            }
                        }
                        for (YamlNode variable : container.get("env").items()) {
                            String name = variable.get("name").requiredText();
                            YamlNode configMapKey = variable.get("valueFrom", "configMapKeyRef");
                            if (configMapKey.present()) {
                                softly.assertThat(configMaps).as(where + " " + name + " ConfigMap").contains(configMapKey.get("name").text());
                            }
                            if (!SECRET_SETTING.matcher(name).matches()) {
                                continue;
                            }
                            if (variable.get("value").present()) {
                                String location = variable.get("value").text();
                                softly.assertThat(location).as(where + " " + name + " is a secret: a Secret reference or a file location")
                                        .startsWith("file:");
                                softly.assertThat(isOnSecretVolume(deployment, container, location.substring("file:".length())))
                                        .as(where + " " + name + " = " + location + " lies on a mounted Secret").isTrue();
                            } else {
                                softly.assertThat(variable.get("valueFrom", "secretKeyRef", "name").text())
                                        .as(where + " " + name + " comes from a Secret").isNotBlank();
                            }
                        }
                    }
                }
            }
        });
    }

    @Test
    void the_ingress_routes_every_public_path_prefix_to_its_owning_service() {
        YamlNode ingress = base.manifests("Ingress").stream().findFirst()
                .orElseThrow(() -> new AssertionError("k8s/base has no Ingress"));
        Map<String, String> routed = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (YamlNode rule : ingress.get("spec", "rules").items()) {
            for (YamlNode path : rule.get("http", "paths").items()) {
                String prefix = path.get("path").requiredText();
                if (!"Prefix".equals(path.get("pathType").text())) {
                    problems.add(prefix + " should have pathType Prefix");
                }
                YamlNode backend = path.get("backend", "service");
                String target = backend.get("name").text() + ":" + backend.get("port", "number").text();
                if (routed.put(prefix, target) != null) {
                    problems.add(prefix + " is routed more than once");
                }
            }
        }
        Map<String, String> expected = new LinkedHashMap<>();
        for (Owner owner : SERVICES) {
            String target = owner.module() + ":" + servicePort(base, owner.module());
            owner.publicPrefixes().forEach(prefix -> expected.put(prefix, target));
        }

        expected.forEach((prefix, target) -> {
            String actual = routed.get(prefix);
            if (actual == null) {
                problems.add(prefix + " is not routed; it belongs to " + target);
            } else if (!actual.equals(target)) {
                problems.add(prefix + " goes to " + actual + " but belongs to " + target);
            }
        });
        routed.forEach((prefix, target) -> {
            if (!expected.containsKey(prefix)) {
                problems.add(prefix + " goes to " + target + " but is not a public path of the platform");
            }
        });

        assertThat(problems).as("the Ingress against the public paths of the platform").isEmpty();
    }

    /** The local entry point (the gateway's own table) and the Ingress route the same prefixes to the same services. */
    @Test
    void the_gateway_and_the_ingress_send_every_public_prefix_to_the_same_service() {
        YamlNode ingress = base.manifests("Ingress").stream().findFirst()
                .orElseThrow(() -> new AssertionError("k8s/base has no Ingress"));
        Map<String, String> ingressRoutes = new LinkedHashMap<>();
        for (YamlNode rule : ingress.get("spec", "rules").items()) {
            for (YamlNode path : rule.get("http", "paths").items()) {
                ingressRoutes.put(path.get("path").requiredText(), path.get("backend", "service", "name").text());
            }
        }
        Map<String, String> gatewayRoutes = new LinkedHashMap<>();
        PublicPaths.BY_SERVICE.forEach((key, prefixes) -> {
            String module = SERVICES.stream().filter(o -> o.gatewayKey().equalsIgnoreCase(key)).map(Owner::module)
                    .findFirst().orElseThrow(() -> new AssertionError("the gateway routes to an unknown service " + key));
            prefixes.forEach(prefix -> gatewayRoutes.put(prefix, module));
        });
        assertThat(ingressRoutes).isEqualTo(gatewayRoutes);
    }

    @Test
    void the_kubernetes_gateway_routes_every_service_to_its_service_address() {
        Map<String, String> routes = base.effectiveConfigMap(GATEWAY_ROUTES_CONFIG);
        assertThat(configMapsFrom(container(deployment(base, GATEWAY)))).contains(GATEWAY_ROUTES_CONFIG);
        SoftAssertions.assertSoftly(softly -> {
            for (Owner owner : SERVICES) {
                softly.assertThat(routes.get(owner.gatewaySetting())).as(owner.gatewaySetting())
                        .isEqualTo("http://" + owner.module() + ":" + servicePort(base, owner.module()));
            }
        });
    }

    // ---- kustomizations and overlays -------------------------------------------------------------

    @Test
    void every_kustomization_lists_only_files_that_exist() {
        List<Path> kustomizations = kustomizationDirectories();
        assertThat(kustomizations).as("kustomizations under k8s/").hasSizeGreaterThanOrEqualTo(3);
        SoftAssertions.assertSoftly(softly -> {
            for (Path dir : kustomizations) {
                Kustomization.at(dir).referencedPaths().forEach((reference, field) -> {
                    Path target = dir.resolve(reference).normalize();
                    boolean exists = field.equals("resources") || field.equals("components")
                            ? Files.isRegularFile(target) || Kustomization.isKustomization(target)
                            : Files.isRegularFile(target);
                    softly.assertThat(exists).as(repo.root().relativize(dir) + " " + field + ": " + reference + " exists").isTrue();
                });
            }
        });
    }

    @Test
    void every_overlay_builds_on_the_base_and_patches_only_what_it_contains() {
        SoftAssertions.assertSoftly(softly -> {
            for (Kustomization overlay : List.of(staging, production)) {
                softly.assertThat(overlay.resources()).as(overlay + " resources").contains("../../base");
                softly.assertThat(overlay.root().get("namespace").text()).as(overlay + " namespace").isEqualTo("prakerja");
                List<YamlNode> manifests = overlay.allManifests();
                for (Kustomization.Patch patch : overlay.patches()) {
                    softly.assertThat(manifests.stream().anyMatch(patch::appliesTo))
                            .as(overlay + " patch of " + patch.targetKind() + " " + patch.targetName() + " finds something to patch")
                            .isTrue();
                }
                for (YamlNode generator : overlay.generators("configMapGenerator")) {
                    if (generator.get("behavior").present()) {
                        softly.assertThat(configMapNames(base)).as(overlay + " merges into a ConfigMap of the base")
                                .contains(generator.get("name").text());
                    }
                }
            }
        });
        assertThat(base.root().get("namespace").text()).isEqualTo("prakerja");
    }

    @Test
    void staging_runs_one_simulator_for_every_outside_party() {
        YamlNode simulators = deployment(staging, SIMULATORS);
        YamlNode container = container(simulators);
        assertThat(simulators.get("spec", "replicas").text()).isEqualTo("1");
        assertThat(container.get("args").items().stream().map(YamlNode::text)).as("simulators listen beyond loopback")
                .contains(SIMULATORS_ON_EVERY_INTERFACE);
        assertThat(containerPorts(container).values()).containsExactlyInAnyOrderElementsOf(SIMULATOR_PORTS);
        assertThat(manifest(staging, "Service", SIMULATORS).get("spec", "ports").items().stream()
                .map(port -> resolvePort(container, port.get("targetPort").present() ? port.get("targetPort") : port.get("port"))))
                .containsExactlyInAnyOrderElementsOf(SIMULATOR_PORTS);
        assertThat(base.allManifests()).as("the base runs no simulators").noneMatch(manifest -> SIMULATORS.equals(manifest.name()));

        Map<String, String> parties = staging.effectiveConfigMap(OUTSIDE_PARTIES_CONFIG);
        OUTSIDE_PARTIES.forEach((setting, port) ->
                assertThat(parties.get(setting)).as("staging " + setting).isEqualTo("http://simulators:" + port));
        for (Owner owner : SERVICES) {
            assertThat(configMapsFrom(container(deployment(base, owner.module())))).as(owner.module() + " envFrom")
                    .contains(OUTSIDE_PARTIES_CONFIG);
        }
    }

    @Test
    void production_talks_to_the_real_parties_and_runs_no_simulators() {
        assertThat(production.allManifests()).noneMatch(manifest -> SIMULATORS.equals(manifest.name()));
        Map<String, String> parties = production.effectiveConfigMap(OUTSIDE_PARTIES_CONFIG);
        SoftAssertions.assertSoftly(softly -> OUTSIDE_PARTIES.keySet().forEach(setting ->
                softly.assertThat(parties.get(setting)).as("production " + setting)
                        .startsWith("https://").doesNotContain(SIMULATORS)));
    }

    @Test
    void every_overlay_addresses_its_own_kafka_and_databases() {
        SoftAssertions.assertSoftly(softly -> {
            for (Kustomization overlay : List.of(staging, production)) {
                softly.assertThat(overlay.effectiveConfigMap(PLATFORM_CONFIG).get("SPRING_KAFKA_BOOTSTRAP_SERVERS"))
                        .as(overlay + " Kafka address").doesNotContain(PLACEHOLDER_HOST);
                overlay.effectiveConfigMap(DATABASES_CONFIG).forEach((service, url) ->
                        softly.assertThat(url).as(overlay + " database of " + service).doesNotContain(PLACEHOLDER_HOST));
            }
        });
    }

    /** With three copies of every topic, acks=all must wait for two: one broker lost loses no confirmed event. */
    @Test
    void where_topics_have_three_copies_a_write_waits_for_two_of_them() {
        for (Kustomization overlay : List.of(staging, production)) {
            Map<String, String> platform = overlay.effectiveConfigMap(PLATFORM_CONFIG);
            assertThat(platform.get("PRAKERJA_KAFKA_REPLICATIONFACTOR")).as(overlay + " replication factor").isEqualTo("3");
            assertThat(platform.get("PRAKERJA_KAFKA_MININSYNCREPLICAS")).as(overlay + " min.insync.replicas").isEqualTo("2");
        }
    }

    @Test
    void production_runs_more_replicas_than_staging_and_no_consumer_beyond_its_partitions() {
        String partitions = production.effectiveConfigMap(PLATFORM_CONFIG).get("PRAKERJA_KAFKA_PARTITIONS");
        assertThat(partitions).as("production sets the partition count of the topics the services create").matches("\\d+");
        SoftAssertions.assertSoftly(softly -> {
            for (String module : deployables()) {
                ReplicaBounds inStaging = replicaBounds(staging, module);
                ReplicaBounds inProduction = replicaBounds(production, module);
                softly.assertThat(inProduction.min()).as(module + " production minReplicas").isGreaterThan(inStaging.min()).isGreaterThanOrEqualTo(3);
                softly.assertThat(inProduction.max()).as(module + " production maxReplicas").isGreaterThan(inStaging.max())
                        .isGreaterThanOrEqualTo(inProduction.min());
                softly.assertThat(inStaging.max()).as(module + " staging maxReplicas").isGreaterThanOrEqualTo(inStaging.min());
                if (!module.equals(GATEWAY)) {
                    softly.assertThat(inProduction.max()).as(module + " consumes Kafka: no more pods than partitions")
                            .isLessThanOrEqualTo(Integer.parseInt(partitions));
                }
            }
        });
    }

    // ---- secrets -----------------------------------------------------------------------------------

    @Test
    void no_secret_with_literal_data_enters_base_or_production() {
        List<String> problems = new ArrayList<>();
        for (Path dir : List.of(repo.path("k8s/base"), repo.path("k8s/overlays/production"))) {
            for (Path file : yamlFiles(dir)) {
                List<YamlNode> documents = new ArrayList<>(YamlNode.loadAll(file));
                if (file.getFileName().toString().equals("kustomization.yaml")) {
                    Kustomization kustomization = Kustomization.at(dir);
                    kustomization.patches().forEach(patch -> documents.add(patch.body()));
                    for (YamlNode generator : kustomization.generators("secretGenerator")) {
                        if (Stream.of("literals", "files", "envs", "env").anyMatch(source -> generator.get(source).present())) {
                            problems.add(file + ": secretGenerator " + generator.get("name").text() + " puts secret data in the repository");
                        }
                    }
                    for (YamlNode generator : kustomization.generators("configMapGenerator")) {
                        kustomization.literals("configMapGenerator", generator.get("name").text()).keySet().stream()
                                .filter(key -> SECRET_SETTING.matcher(key).matches())
                                .forEach(key -> problems.add(file + ": ConfigMap " + generator.get("name").text() + " holds the secret " + key));
                    }
                }
                for (YamlNode document : documents) {
                    if ("Secret".equals(document.kind())) {
                        for (String field : List.of("data", "stringData")) {
                            document.get(field).entries().forEach((key, value) -> {
                                if (value.text() != null && !value.text().isBlank()) {
                                    problems.add(file + ": Secret " + document.name() + " has literal " + field + "." + key);
                                }
                            });
                        }
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void only_the_services_that_present_personal_data_hold_the_transport_key() {
        Set<String> holders = new TreeSet<>(SERVICES.stream().filter(Owner::holdsTransportKey).map(Owner::module).toList());
        Set<String> inCompose = new TreeSet<>();
        Set<String> inKubernetes = new TreeSet<>();
        for (String module : deployables()) {
            YamlNode service = composeService(module);
            boolean fromFiles = envFiles(service).stream().anyMatch(file -> envFile(repo.path(file)).containsKey(TRANSPORT_KEY));
            if (fromFiles || composeEnvironment(service).containsKey(TRANSPORT_KEY)) {
                inCompose.add(module);
            }
            if (env(container(deployment(base, module)), TRANSPORT_KEY).present()) {
                inKubernetes.add(module);
            }
        }
        assertThat(inCompose).as("compose services holding " + TRANSPORT_KEY).isEqualTo(holders);
        assertThat(inKubernetes).as("Deployments holding " + TRANSPORT_KEY).isEqualTo(holders);
    }

    @Test
    void only_registration_holds_the_token_signing_key() {
        String registration = SERVICES.getFirst().module();
        Set<String> withSigningSecret = new TreeSet<>();
        Set<String> withSigningVolume = new TreeSet<>();
        for (String module : deployables()) {
            YamlNode deployment = deployment(base, module);
            if (deployment.get("spec", "template", "spec", "volumes").items().stream()
                    .anyMatch(volume -> SIGNING_KEY_SECRET.equals(volume.get("secret", "secretName").text()))) {
                withSigningSecret.add(module);
            }
            if (composeService(module).get("volumes").items().stream()
                    .anyMatch(volume -> String.valueOf(volume.value()).startsWith(SIGNING_KEY_COMPOSE_VOLUME + ":"))) {
                withSigningVolume.add(module);
            }
        }
        assertThat(withSigningSecret).as("Deployments mounting " + SIGNING_KEY_SECRET).containsExactly(registration);
        assertThat(withSigningVolume).as("compose services mounting " + SIGNING_KEY_COMPOSE_VOLUME).containsExactly(registration);

        String composeLocation = composeEnvironment(composeService(registration)).get(SIGNING_KEY);
        assertThat(composeLocation).as("compose " + SIGNING_KEY).startsWith("file:");
        assertThat(composeService(registration).get("volumes").items().stream().map(YamlNode::text))
                .as("the signing key file lies on the " + SIGNING_KEY_COMPOSE_VOLUME + " volume")
                .anyMatch(volume -> volume.startsWith(SIGNING_KEY_COMPOSE_VOLUME + ":")
                        && composeLocation.substring("file:".length()).startsWith(volume.split(":")[1] + "/"));
    }

    @Test
    void every_service_finds_the_token_public_key_where_its_setting_points() {
        String location = base.effectiveConfigMap(PLATFORM_CONFIG).get(PUBLIC_KEY);
        assertThat(location).as(PLATFORM_CONFIG + " " + PUBLIC_KEY).startsWith("file:");
        String file = location.substring("file:".length());
        SoftAssertions.assertSoftly(softly -> {
            for (Owner owner : SERVICES) {
                YamlNode deployment = deployment(base, owner.module());
                softly.assertThat(isOnSecretVolume(deployment, container(deployment), file))
                        .as(owner.module() + " mounts a Secret holding " + file).isTrue();
                String composeLocation = composeEnvironment(composeService(owner.module())).get(PUBLIC_KEY);
                softly.assertThat(composeLocation).as(owner.module() + " compose " + PUBLIC_KEY).startsWith("file:");
                if (composeLocation != null && composeLocation.startsWith("file:")) {
                    String composeFile = composeLocation.substring("file:".length());
                    softly.assertThat(composeService(owner.module()).get("volumes").items().stream().map(YamlNode::text))
                            .as(owner.module() + " compose volume holding " + composeFile)
                            .anyMatch(volume -> volume.split(":").length > 1 && composeFile.startsWith(volume.split(":")[1] + "/"));
                }
            }
        });
    }

    @Test
    void every_secret_the_workloads_reference_is_documented() {
        String readme = YamlNode.read(repo.path("k8s/README.md"));
        Set<String> referenced = new TreeSet<>();
        for (Kustomization kustomization : List.of(staging, production)) {
            for (YamlNode deployment : kustomization.manifests("Deployment")) {
                YamlNode pod = deployment.get("spec", "template", "spec");
                pod.get("volumes").items().forEach(volume -> addIfPresent(referenced, volume.get("secret", "secretName")));
                for (YamlNode container : pod.get("containers").items()) {
                    container.get("envFrom").items().forEach(source -> addIfPresent(referenced, source.get("secretRef", "name")));
                    container.get("env").items().forEach(variable -> addIfPresent(referenced, variable.get("valueFrom", "secretKeyRef", "name")));
                }
            }
        }
        assertThat(referenced).isNotEmpty();
        assertThat(referenced).allSatisfy(secret -> assertThat(readme).as("k8s/README.md documents the Secret " + secret)
                .contains("`" + secret + "`"));
    }

    // ---- the image ---------------------------------------------------------------------------------

    @Test
    void the_dockerfile_builds_the_module_and_runs_its_exec_jar_as_a_non_root_user() {
        String dockerfile = YamlNode.read(repo.path("deploy/Dockerfile"));
        String version = repo.version();

        assertThat(repo.bootJarClassifier()).as("spring-boot-maven-plugin classifier in the root pom").isEqualTo("exec");
        assertThat(dockerfile)
                .contains("ARG MODULE")
                .contains("ARG VERSION=" + version)
                .contains("./mvnw")
                .contains("-pl \"${MODULE}\" -am package -DskipTests")
                .contains("${MODULE}/target/${MODULE}-${VERSION}-exec.jar")
                .containsPattern("(?m)^FROM \\S*temurin-25\\S* AS build")
                .containsPattern("(?m)^FROM eclipse-temurin:21-jre\\s*$");
        Matcher user = Pattern.compile("(?m)^USER (\\d+)").matcher(dockerfile);
        assertThat(user.find()).as("the runtime stage switches to a numeric user").isTrue();
        String uid = user.group(1);
        assertThat(Integer.parseInt(uid)).as("runtime user id").isPositive();

        SoftAssertions.assertSoftly(softly -> {
            for (String module : deployables()) {
                String image = "prakerja/" + module + ":" + version;
                softly.assertThat(composeService(module).get("image").text()).as(module + " compose image").isEqualTo(image);
                YamlNode deployment = deployment(base, module);
                softly.assertThat(container(deployment).get("image").text()).as(module + " k8s image").isEqualTo(image);
                softly.assertThat(deployment.get("spec", "template", "spec", "securityContext", "runAsUser").text())
                        .as(module + " runs as the image's user").isEqualTo(uid);
            }
        });
    }

    // ---- reading the descriptors ---------------------------------------------------------------------

    private record Owner(String module, String database, String gatewayKey, boolean holdsTransportKey, List<String> publicPrefixes) {

        Owner(String module, String database, String gatewayKey, boolean holdsTransportKey, String... publicPrefixes) {
            this(module, database, gatewayKey, holdsTransportKey, List.of(publicPrefixes));
        }

        String gatewaySetting() {
            return "PRAKERJA_GATEWAY_SERVICES_" + gatewayKey;
        }
    }

    private record ReplicaBounds(int min, int max) {
    }

    /** The services of the root pom, then the gateway. */
    private List<String> deployables() {
        List<String> deployables = new ArrayList<>(repo.modules().stream()
                .filter(module -> module.endsWith("-service") || module.equals(OPERATOR_CONSOLE)).toList());
        assertThat(repo.modules()).as("root pom modules").contains(GATEWAY);
        deployables.add(GATEWAY);
        return deployables;
    }

    /** Every deployable's port from its application.yml; one failure naming every file that is missing. */
    private Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String module : deployables()) {
            if (Files.isRegularFile(repo.applicationYml(module))) {
                ports.put(module, repo.port(module));
            } else {
                missing.add(repo.root().relativize(repo.applicationYml(module)).toString());
            }
        }
        if (!missing.isEmpty()) {
            fail("The port of every deployable is read from its application.yml (server.port), but these are missing: "
                    + String.join(", ", missing));
        }
        return ports;
    }

    private Map<String, YamlNode> composeServices() {
        return compose.get("services").entries();
    }

    private YamlNode composeService(String name) {
        YamlNode service = compose.get("services", name);
        if (!service.present()) {
            throw new AssertionError("docker-compose.yml has no service " + name);
        }
        return service;
    }

    private static Map<String, String> composeEnvironment(YamlNode service) {
        Map<String, String> environment = new LinkedHashMap<>();
        YamlNode node = service.get("environment");
        if (node.value() instanceof List<?>) {
            for (YamlNode item : node.items()) {
                String text = item.requiredText();
                int equals = text.indexOf('=');
                environment.put(equals < 0 ? text : text.substring(0, equals), equals < 0 ? null : text.substring(equals + 1));
            }
        } else {
            node.entries().forEach((key, value) -> environment.put(key, value.text()));
        }
        return environment;
    }

    private static List<String> envFiles(YamlNode service) {
        YamlNode node = service.get("env_file");
        if (!node.present()) {
            return List.of();
        }
        if (!(node.value() instanceof List<?>)) {
            return List.of(node.requiredText());
        }
        return node.items().stream()
                .map(item -> item.value() instanceof Map<?, ?> ? item.get("path").requiredText() : item.requiredText())
                .toList();
    }

    private static Map<String, String> envFile(Path file) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : YamlNode.read(file).split("\\R")) {
            String trimmed = line.strip();
            int equals = trimmed.indexOf('=');
            if (!trimmed.isEmpty() && !trimmed.startsWith("#") && equals > 0) {
                settings.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
            }
        }
        return settings;
    }

    /** Published ports of a compose service as host port -> container port. */
    private static Map<Integer, Integer> publishedPorts(YamlNode service) {
        Map<Integer, Integer> ports = new LinkedHashMap<>();
        for (YamlNode port : service.get("ports").items()) {
            if (port.value() instanceof Map<?, ?>) {
                ports.put(Integer.valueOf(port.get("published").requiredText()), Integer.valueOf(port.get("target").requiredText()));
            } else {
                String[] parts = port.requiredText().replaceAll("/(tcp|udp)$", "").split(":");
                int container = Integer.parseInt(parts[parts.length - 1]);
                ports.put(parts.length > 1 ? Integer.parseInt(parts[parts.length - 2]) : container, container);
            }
        }
        return ports;
    }

    private static String healthcheckCommand(YamlNode service) {
        YamlNode test = service.get("healthcheck", "test");
        if (test.value() instanceof List<?>) {
            return String.join(" ", test.items().stream().map(YamlNode::text).toList());
        }
        return test.text();
    }

    private static YamlNode manifest(Kustomization kustomization, String kind, String name) {
        return kustomization.manifest(kind, name)
                .orElseThrow(() -> new AssertionError(kustomization + " has no " + kind + " named " + name));
    }

    private static YamlNode deployment(Kustomization kustomization, String name) {
        return manifest(kustomization, "Deployment", name);
    }

    /** The Deployment's container named after it (or its only container). */
    private static YamlNode container(YamlNode deployment) {
        List<YamlNode> containers = deployment.get("spec", "template", "spec", "containers").items();
        return containers.stream()
                .filter(container -> deployment.name().equals(container.get("name").text()))
                .findFirst()
                .or(() -> containers.size() == 1 ? containers.stream().findFirst() : java.util.Optional.empty())
                .orElseThrow(() -> new AssertionError(deployment.where() + " has no container named " + deployment.name()));
    }

    /** Container ports by name (unnamed ones under their number). */
    private static Map<String, Integer> containerPorts(YamlNode container) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (YamlNode port : container.get("ports").items()) {
            String number = port.get("containerPort").requiredText();
            ports.put(port.get("name").present() ? port.get("name").text() : number, Integer.valueOf(number));
        }
        return ports;
    }

    /** A probe or Service port, by number or by the container port's name. */
    private static Integer resolvePort(YamlNode container, YamlNode port) {
        String text = port.text();
        if (text == null) {
            return null;
        }
        return text.matches("\\d+") ? Integer.valueOf(text) : containerPorts(container).get(text);
    }

    private static YamlNode env(YamlNode container, String name) {
        return container.get("env").items().stream()
                .filter(variable -> name.equals(variable.get("name").text()))
                .findFirst()
                .orElse(new YamlNode(null, container.where() + " > env > " + name));
    }

    private static Map<String, String> literalEnv(YamlNode container) {
        Map<String, String> literals = new LinkedHashMap<>();
        container.get("env").items().stream()
                .filter(variable -> variable.get("value").present())
                .forEach(variable -> literals.put(variable.get("name").text(), variable.get("value").text()));
        return literals;
    }

    private static List<String> configMapsFrom(YamlNode container) {
        return container.get("envFrom").items().stream()
                .map(source -> source.get("configMapRef", "name").text())
                .filter(name -> name != null)
                .toList();
    }

    /** ConfigMaps a kustomization provides: generated ones and ConfigMap manifests, its bases' included. */
    private static Set<String> configMapNames(Kustomization kustomization) {
        Set<String> names = new LinkedHashSet<>();
        kustomization.bases().forEach(base -> names.addAll(configMapNames(base)));
        kustomization.generators("configMapGenerator").forEach(generator -> names.add(generator.get("name").text()));
        kustomization.ownManifests().stream().filter(manifest -> "ConfigMap".equals(manifest.kind()))
                .forEach(manifest -> names.add(manifest.name()));
        return names;
    }

    /** Whether a file path lies under a read-only mount of a Secret volume of the pod. */
    private static boolean isOnSecretVolume(YamlNode deployment, YamlNode container, String file) {
        Set<String> secretVolumes = new TreeSet<>();
        deployment.get("spec", "template", "spec", "volumes").items().stream()
                .filter(volume -> volume.get("secret").present())
                .forEach(volume -> secretVolumes.add(volume.get("name").text()));
        return container.get("volumeMounts").items().stream()
                .filter(mount -> secretVolumes.contains(mount.get("name").text()))
                .anyMatch(mount -> file.startsWith(mount.get("mountPath").text() + "/"));
    }

    private static int servicePort(Kustomization kustomization, String name) {
        List<YamlNode> ports = manifest(kustomization, "Service", name).get("spec", "ports").items();
        if (ports.size() != 1) {
            throw new AssertionError("Service " + name + " should expose one port, has " + ports.size());
        }
        return Integer.parseInt(ports.getFirst().get("port").requiredText());
    }

    private Map<String, String> podLabels(String module) {
        return labels(deployment(base, module).get("spec", "template", "metadata", "labels"));
    }

    private static Map<String, String> labels(YamlNode node) {
        Map<String, String> labels = new LinkedHashMap<>();
        node.entries().forEach((key, value) -> labels.put(key, value.text()));
        return labels;
    }

    private static Map<String, String> nonEmptyLabels(YamlNode node) {
        Map<String, String> labels = labels(node);
        if (labels.isEmpty()) {
            throw new AssertionError(node.where() + " should select by at least one label");
        }
        return labels;
    }

    /** The HPA bounds of a deployable as a kustomization ends up with them: the base's, then its patches in order. */
    private static ReplicaBounds replicaBounds(Kustomization kustomization, String module) {
        YamlNode autoscaler = manifest(kustomization, "HorizontalPodAutoscaler", module);
        int min = Integer.parseInt(autoscaler.get("spec", "minReplicas").requiredText());
        int max = Integer.parseInt(autoscaler.get("spec", "maxReplicas").requiredText());
        List<Kustomization> layers = new ArrayList<>(kustomization.bases());
        layers.add(kustomization);
        for (Kustomization layer : layers) {
            for (Kustomization.Patch patch : layer.patches()) {
                if (!patch.appliesTo(autoscaler)) {
                    continue;
                }
                if (patch.isJsonPatch()) {
                    for (YamlNode operation : patch.body().items()) {
                        String path = operation.get("path").text();
                        String op = operation.get("op").text();
                        if ("replace".equals(op) || "add".equals(op)) {
                            if ("/spec/minReplicas".equals(path)) {
                                min = Integer.parseInt(operation.get("value").requiredText());
                            } else if ("/spec/maxReplicas".equals(path)) {
                                max = Integer.parseInt(operation.get("value").requiredText());
                            }
                        }
                    }
                } else {
                    YamlNode spec = patch.body().get("spec");
                    if (spec.get("minReplicas").present()) {
                        min = Integer.parseInt(spec.get("minReplicas").text());
                    }
                    if (spec.get("maxReplicas").present()) {
                        max = Integer.parseInt(spec.get("maxReplicas").text());
                    }
                }
            }
        }
        return new ReplicaBounds(min, max);
    }

    private List<Path> kustomizationDirectories() {
        try (Stream<Path> files = Files.walk(repo.path("k8s"))) {
            return files.filter(file -> file.getFileName().toString().equals("kustomization.yaml"))
                    .map(Path::getParent)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addIfPresent(Set<String> names, YamlNode node) {
        if (node.present()) {
            names.add(node.text());
        }
    }

    private static Map<String, Integer> orderedMap(Object... keysAndValues) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (Integer) keysAndValues[i + 1]);
        }
        return map;
    }
}
