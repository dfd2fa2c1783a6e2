package id.go.prakerja.e2e;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The architecture, said out loud: services stand alone, contracts and rules are plain Java. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("id.go.prakerja");

    /** Packages that are not services: contracts, shared code, the entry point, tooling. */
    private static final Set<String> NOT_SERVICES = Set.of("events", "support", "testsupport", "gateway", "launcher",
            "simulators", "bench", "e2e");

    /** Every service, present and future: each top-level package with a Spring Boot application in it. */
    private static final List<String> SERVICES = CLASSES.stream()
            .filter(c -> c.isAnnotatedWith("org.springframework.boot.autoconfigure.SpringBootApplication"))
            .map(c -> c.getPackageName().replaceFirst("^id\\.go\\.prakerja\\.", "").split("\\.")[0])
            .filter(p -> !NOT_SERVICES.contains(p))
            .distinct().sorted().toList();

    @Test
    void every_service_is_seen_by_these_rules() {
        assertThat(SERVICES).contains("registration", "verification", "training", "incentive", "payment", "survey", "console");
    }

    @Test
    void no_service_depends_on_another_service() {
        for (String service : SERVICES) {
            String[] others = SERVICES.stream().filter(s -> !s.equals(service)).map(s -> "id.go.prakerja." + s + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage("id.go.prakerja." + service + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("services talk only through Kafka events")
                    .check(CLASSES);
        }
    }

    @Test
    void the_gateway_knows_no_service_code() {
        String[] services = SERVICES.stream().map(s -> "id.go.prakerja." + s + "..").toArray(String[]::new);
        noClasses().that().resideInAPackage("id.go.prakerja.gateway..")
                .should().dependOnClassesThat().resideInAnyPackage(services)
                .check(CLASSES);
    }

    @Test
    void event_contracts_depend_only_on_the_jdk_and_their_json_library() {
        classes().that().resideInAPackage("id.go.prakerja.events..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("id.go.prakerja.events..", "java..",
                        "tools.jackson..", "com.fasterxml.jackson.annotation..")
                .because("every service, present and future, reads them; they must not pull in any service or framework")
                .check(CLASSES);
    }

    @Test
    void shared_infrastructure_does_not_reach_into_services() {
        String[] services = SERVICES.stream().map(s -> "id.go.prakerja." + s + "..").toArray(String[]::new);
        noClasses().that().resideInAPackage("id.go.prakerja.support..")
                .should().dependOnClassesThat().resideInAnyPackage(services)
                .check(CLASSES);
    }

    /** Domain rules and value types: everything in a service that is not a bean, entity (or embeddable), repository or wiring. */
    @Test
    void domain_rules_do_not_depend_on_spring_web_or_persistence() {
        String[] services = SERVICES.stream().map(s -> "id.go.prakerja." + s + "..").toArray(String[]::new);
        classes().that().resideInAnyPackage(services)
                .and(notFrameworkBound())
                .should().onlyDependOnClassesThat().resideOutsideOfPackages("org.springframework.web..",
                        "org.springframework.data..", "org.springframework.jdbc..", "jakarta.persistence..",
                        "org.hibernate..")
                .check(CLASSES);
    }

    private static DescribedPredicate<JavaClass> notFrameworkBound() {
        return DescribedPredicate.describe("are plain classes (not beans, entities, repositories or wiring)", c ->
                !c.isAnnotatedWith("org.springframework.stereotype.Component")
                        && !c.isMetaAnnotatedWith("org.springframework.stereotype.Component")
                        && !c.isAnnotatedWith("jakarta.persistence.Entity")
                        && !c.isAnnotatedWith("jakarta.persistence.Embeddable")
                        && !c.isAssignableTo("org.springframework.data.repository.Repository")
                        && !c.getPackageName().contains(".messaging")
                        && !c.getPackageName().contains(".config")
                        && !c.getSimpleName().endsWith("Application")
                        && !isNestedInFrameworkBound(c));
    }

    private static boolean isNestedInFrameworkBound(JavaClass c) {
        return c.getEnclosingClass().map(outer -> outer.isMetaAnnotatedWith("org.springframework.stereotype.Component")
                || outer.isAnnotatedWith("org.springframework.stereotype.Component")).orElse(false);
    }
}
