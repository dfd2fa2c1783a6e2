import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a build's time went: the time of each module (from Maven's reactor summary in the build
 * log) and the slowest test classes of all modules (from the surefire and failsafe XML reports).
 *
 * <p>Run with the JDK's source launcher, no compilation step and nothing to download:
 * {@code java .ci/BuildSummary.java [--top N] [maven.log] [project-dir]}. Without a log, or when
 * the log holds no reactor summary (the build died before Maven wrote it), the module table is
 * built from the reports alone. Never fails the build: unreadable reports are skipped.
 */
public class BuildSummary {

  // "[INFO] survey-service ..... SUCCESS [01:42 min]", "[INFO] e2e-tests ..... FAILURE [  6.1 s]",
  // "[INFO] gateway ..... SKIPPED"
  private static final Pattern REACTOR_LINE = Pattern.compile(
      "^\\[INFO\\] (.+?) \\.*\\s*(SUCCESS|FAILURE|SKIPPED)(?:\\s*\\[\\s*([^\\]]+)\\])?\\s*$");
  private static final Pattern TESTSUITE = Pattern.compile("<testsuite\\b[^>]*>", Pattern.DOTALL);
  private static final Pattern ATTRIBUTE = Pattern.compile("\\b([a-z]+)=\"([^\"]*)\"");

  record Module(String name, String status, double seconds) {}

  record TestClass(String module, String kind, String name, double seconds, int tests,
                   int failures, int errors, int skipped) {}

  public static void main(String[] args) throws IOException {
    int top = 25;
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--top") && i + 1 < args.length) {
        top = Integer.parseInt(args[++i]);
      } else {
        positional.add(args[i]);
      }
    }
    Path log = positional.isEmpty() ? null : Path.of(positional.get(0));
    Path root = Path.of(positional.size() > 1 ? positional.get(1) : ".");

    List<TestClass> tests = testClasses(root);
    List<Module> modules = log != null && Files.isReadable(log) ? reactorSummary(log) : List.of();

    System.out.println();
    System.out.println("==================== where the build's time went ====================");
    printModules(modules, tests);
    System.out.println();
    printSlowest(tests, top);
    System.out.println("======================================================================");
  }

  static List<Module> reactorSummary(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("Reactor Summary")) {
        start = i; // the last one counts
      }
    }
    List<Module> modules = new ArrayList<>();
    if (start < 0) {
      return modules;
    }
    for (int i = start + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("[INFO] BUILD ") || line.startsWith("[INFO] Total time")) {
        break;
      }
      Matcher m = REACTOR_LINE.matcher(line);
      if (m.matches()) {
        modules.add(new Module(m.group(1).trim(), m.group(2),
            m.group(3) == null ? 0 : mavenDuration(m.group(3))));
      }
    }
    return modules;
  }

  /** "25.163 s", "02:07 min", "01:02 h". */
  static double mavenDuration(String text) {
    String[] parts = text.trim().split("\\s+");
    String value = parts[0];
    String unit = parts.length > 1 ? parts[1] : "s";
    if (!value.contains(":")) {
      return Double.parseDouble(value);
    }
    String[] hm = value.split(":");
    double high = Double.parseDouble(hm[0]);
    double low = Double.parseDouble(hm[1]);
    return unit.equals("h") ? high * 3600 + low * 60 : high * 60 + low;
  }

  static List<TestClass> testClasses(Path root) throws IOException {
    List<TestClass> result = new ArrayList<>();
    List<Path> dirs;
    try (Stream<Path> children = Files.list(root)) {
      dirs = children.filter(Files::isDirectory).sorted().toList();
    }
    for (Path module : dirs) {
      for (String kind : List.of("surefire", "failsafe")) {
        Path reports = module.resolve("target").resolve(kind + "-reports");
        if (!Files.isDirectory(reports)) {
          continue;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(reports)) {
          files = s.filter(p -> {
            String n = p.getFileName().toString();
            return n.startsWith("TEST-") && n.endsWith(".xml");
          }).sorted().toList();
        }
        for (Path file : files) {
          TestClass t = parse(module.getFileName().toString(), kind, file);
          if (t != null) {
            result.add(t);
          }
        }
      }
    }
    return result;
  }

  static TestClass parse(String module, String kind, Path file) {
    try {
      // the testsuite element comes first; its properties can be long, the head is enough
      String head;
      try (var in = Files.newInputStream(file)) {
        head = new String(in.readNBytes(256 * 1024), StandardCharsets.UTF_8);
      }
      Matcher suite = TESTSUITE.matcher(head);
      if (!suite.find()) {
        return null;
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      Matcher a = ATTRIBUTE.matcher(suite.group());
      while (a.find()) {
        attributes.putIfAbsent(a.group(1), a.group(2));
      }
      String name = attributes.getOrDefault("name",
          file.getFileName().toString().replaceFirst("^TEST-", "").replaceFirst("\\.xml$", ""));
      return new TestClass(module, kind, name, number(attributes.get("time")),
          (int) number(attributes.get("tests")), (int) number(attributes.get("failures")),
          (int) number(attributes.get("errors")), (int) number(attributes.get("skipped")));
    } catch (IOException | RuntimeException e) {
      System.err.println("skipped " + file + ": " + e);
      return null;
    }
  }

  static double number(String text) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    try {
      return Double.parseDouble(text.replace(",", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static void printModules(List<Module> modules, List<TestClass> tests) {
    Map<String, double[]> testTime = new LinkedHashMap<>(); // module -> {seconds, classes, tests}
    for (TestClass t : tests) {
      double[] sum = testTime.computeIfAbsent(t.module(), k -> new double[3]);
      sum[0] += t.seconds();
      sum[1]++;
      sum[2] += t.tests();
    }
    String format = "%-34s %-8s %9s   %9s %7s %6s%n";
    System.out.printf(format, "module (slowest first)", "status", "module", "in tests", "classes", "tests");
    if (modules.isEmpty()) {
      System.out.println("(no reactor summary in the build log: test report times only)");
      testTime.entrySet().stream()
          .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> e.getValue()[0]).reversed())
          .forEach(e -> System.out.printf(format, e.getKey(), "", "",
              clock(e.getValue()[0]), (int) e.getValue()[1], (int) e.getValue()[2]));
      return;
    }
    double total = 0;
    for (Module m : modules.stream().sorted(Comparator.comparingDouble(Module::seconds).reversed()).toList()) {
      total += m.seconds();
      double[] sum = testTime.get(artifactOf(m.name(), testTime));
      System.out.printf(format, m.name(), m.status(), m.status().equals("SKIPPED") ? "" : clock(m.seconds()),
          sum == null ? "" : clock(sum[0]), sum == null ? "" : (int) sum[1], sum == null ? "" : (int) sum[2]);
    }
    System.out.printf(format, "sum of modules", "", clock(total), "", "", "");
  }

  /** The reactor summary names modules by their name, the reports by their directory. */
  static String artifactOf(String moduleName, Map<String, double[]> byDirectory) {
    if (byDirectory.containsKey(moduleName)) {
      return moduleName;
    }
    String dashed = moduleName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    return byDirectory.containsKey(dashed) ? dashed : moduleName;
  }

  static void printSlowest(List<TestClass> tests, int top) {
    System.out.printf("%d slowest test classes of %d (time as the test report gives it)%n",
        Math.min(top, tests.size()), tests.size());
    String format = "%9s  %-28s %-8s %5s  %s%n";
    System.out.printf(format, "time", "module", "plugin", "tests", "class");
    tests.stream()
        .sorted(Comparator.comparingDouble(TestClass::seconds).reversed())
        .limit(top)
        .forEach(t -> {
          String outcome = t.failures() + t.errors() > 0
              ? "  (" + t.failures() + " failed, " + t.errors() + " errors)" : "";
          System.out.printf(format, clock(t.seconds()), t.module(), t.kind(), t.tests(),
              shortName(t.name()) + outcome);
        });
  }

  static String shortName(String name) {
    return name.startsWith("id.go.prakerja.") ? name.substring("id.go.prakerja.".length()) : name;
  }

  static String clock(double seconds) {
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.1f s", seconds);
    }
    long whole = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d min", whole / 60, whole % 60);
  }
}
